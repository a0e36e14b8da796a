"""Indonesian and English texts: the one catalogue and the functions that pick a language."""

from gapskj.i18n.wording import (
    format_date,
    format_number,
    format_percent,
    format_signed,
    label,
    text,
)

__all__ = ["format_date", "format_number", "format_percent", "format_signed", "label", "text"]
