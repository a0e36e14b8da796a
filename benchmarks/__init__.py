"""Benchmarks of gapskj: run ``python -m benchmarks`` (see README.md)."""
