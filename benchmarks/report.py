"""The printed table and the target checks of a benchmark run (see ``run.py``)."""

from __future__ import annotations

from typing import Any

from benchmarks import store as bench_store
from benchmarks.confidence import confidence_rows, confidence_targets

TARGETS = {
    "kernel_speedup_vs_loop": (">=", 300.0),
    "kernel_ratio_to_gemm": ("<=", 2.0),
    "province_seconds": ("<", 2.0),
    "nation_extrapolated_seconds": ("<", 300.0),
    "nation_peak_rss_gib": ("<", 4.0),
    "panel_match_wall_seconds": ("<", 1.5),
}


def targets(cases: dict[str, Any]) -> list[dict[str, Any]]:
    values: dict[str, float] = {}
    if "kernel" in cases:
        values["kernel_speedup_vs_loop"] = cases["kernel"]["speedup_vs_loop"]
        values["kernel_ratio_to_gemm"] = cases["kernel"]["ratio_to_gemm"]
    if "province" in cases:
        values["province_seconds"] = cases["province"]["seconds"]
    if "nation" in cases:
        values["nation_extrapolated_seconds"] = cases["nation"]["extrapolated_seconds"]
        values["nation_peak_rss_gib"] = cases["nation"]["extrapolated_peak_rss_gib"]
    if "panel" in cases and "match_wall" in cases["panel"]:
        values["panel_match_wall_seconds"] = cases["panel"]["match_wall"]["median_s"]
    limits = dict(TARGETS)
    if "confidence" in cases:
        for name, (op, limit, value) in confidence_targets(cases["confidence"]).items():
            limits[name] = (op, limit)
            values[name] = value
    checks = []
    for name, value in values.items():
        op, limit = limits[name]
        met = {"<": value < limit, "<=": value <= limit, ">=": value >= limit}[op]
        checks.append({"target": f"{name} {op} {limit:g}", "value": value, "met": met})
    return checks


Row = tuple[str, str, str, str, str]


def line(name: str, t: dict[str, Any], note: str = "") -> Row:
    """A row of a case with median, min and max seconds."""
    return (name, *(f"{t[k]:.4g} s" for k in ("median_s", "min_s", "max_s")), note)


def kernel_rows(kern: dict[str, Any]) -> list[Row]:
    """The kernel case's rows."""
    out = []
    for name, t in kern["timings"].items():
        note = t.get("measured_on", "")
        out.append(line(f"kernel {name}", t, note))
    out.append(
        (
            "kernel ratios",
            "",
            "",
            "",
            f"speedup_vs_loop {kern['speedup_vs_loop']:.0f}x, "
            f"ratio_to_gemm {kern['ratio_to_gemm']:.2f}",
        )
    )
    if "one_blas_thread" in kern:
        one = kern["one_blas_thread"]
        out.append(
            (
                "kernel, 1 BLAS thread",
                f"{one['gapskj_median_s']:.4g} s",
                "",
                "",
                f"speedup_vs_loop {one['speedup_vs_loop']:.0f}x, "
                f"ratio_to_gemm {one['ratio_to_gemm']:.2f}",
            )
        )
    for name, t in kern["selection_top10_per_position"].items():
        out.append(line(f"select {name}", t, f"{t['ratio_to_gemm']:.2f}x gemm"))
    return out


def rows(cases: dict[str, Any]) -> list[Row]:
    """(case, median, min, max, note) lines for the printed table."""
    out = kernel_rows(cases["kernel"]) if "kernel" in cases else []
    if "panel" in cases:
        panel = cases["panel"]
        if "skipped" in panel:
            out.append(("panel", "", "", "", f"skipped: {panel['skipped']}"))
        else:
            out.append(line("panel gapskj match", panel["match_wall"]))
            out.append(line("panel python -c pass", panel["python_startup"]))
            out.append(line("panel import gapskj", panel["import_gapskj_wall"]))
    if "province" in cases:
        prov = cases["province"]
        note = f"{prov['n_distinct_standards']} distinct standards"
        out.append(line("province argpartition", prov["argpartition"], note))
        out.append(line("province counting", prov["counting"]))
        out.append(line("province per position only", prov["per_position_only"]))
        real = prov["realistic"]
        out.append(line("province realistic", real, f"{real['n_distinct_standards']} distinct"))
    if "nation" in cases:
        nat = cases["nation"]
        shape = nat["measured"]
        out.append(
            line(
                f"nation {shape['candidates']} x {shape['positions']}",
                nat["timings"],
                f"peak RSS {nat['peak_rss_gib']:.2f} GiB",
            )
        )
        out.append(
            (
                "nation 4M x 10k (extrap.)",
                f"{nat['extrapolated_seconds']:.4g} s",
                "",
                "",
                f"RSS {nat['extrapolated_peak_rss_gib']:.2f} GiB; from "
                f"{shape['positions'] // 5} positions: "
                f"{nat['scaled_in_m_too']['extrapolated_seconds']:.4g} s",
            )
        )
    if "nation_full" in cases:
        full = cases["nation_full"]
        shape = full["measured"]
        out.append(
            (
                f"nation {shape['candidates']} x {shape['positions']} (direct, 1 run)",
                f"{full['seconds']:.4g} s",
                "",
                "",
                f"peak RSS {full['peak_rss_gib']:.2f} GiB, {full['n_distinct_standards']} distinct",
            )
        )
    if "pool_1m" in cases:
        for key, value in cases["pool_1m"].items():
            if key.startswith("n_"):
                out.append(
                    (
                        f"gapskj map {key[2:]} candidates",
                        f"{value['wall_s']:.4g} s",
                        "",
                        "",
                        f"peak RSS {value['peak_rss_gib']:.2f} GiB, "
                        f"{value['n_distinct_standards']} distinct",
                    )
                )
    if "map_csv" in cases:
        for key, value in cases["map_csv"].items():
            if isinstance(value, dict):
                out.append(
                    (
                        f"gapskj map CSV {key.replace('_', ' ')} rows",
                        f"{value['wall_s']:.4g} s",
                        "",
                        "",
                        f"peak RSS {value['peak_rss_gib']:.2f} GiB",
                    )
                )
    if "confidence" in cases:
        out.extend(confidence_rows(cases["confidence"]))
    return out + bench_store.rows(cases)
