"""TMX 1.4b, the translation-memory format every CAT tool imports: the public API.

* :func:`write_tmx` streams units into a DTD-valid TMX 1.4b (:mod:`.tmx_write`);
* :func:`read_tmx` / :func:`read_pairs` / :func:`tmx_frame` read any TMX safely and in
  constant memory (:mod:`.tmx_read`);
* :func:`scan_tmx` / :func:`validate_tmx` count and check what the DTD cannot (:mod:`.tmx_check`);
* :func:`convert_tmx` turns a TMX into TSV, CSV, Moses or a clean TMX (:mod:`.tmx_convert`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from align.formats.tmx_check import Problem, TmxReport, length_summary, scan_tmx, validate_tmx
from align.formats.tmx_convert import FORMATS, ConvertSummary, convert_tmx
from align.formats.tmx_read import (
    RawHeader,
    RawTu,
    Source,
    Variant,
    iter_tmx,
    read_pairs,
    read_tmx,
    read_tmx_langs,
    seg_text,
)
from align.formats.tmx_write import XML_LANG, TmxHeader, WriteSummary, check_header, clean_xml_text, write_tmx

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FORMATS", "XML_LANG", "ConvertSummary", "Problem", "RawHeader", "RawTu", "TmxHeader", "TmxReport",
    "Variant", "WriteSummary", "check_header", "clean_xml_text", "convert_tmx", "iter_tmx", "length_summary",
    "read_pairs", "read_tmx", "read_tmx_langs", "scan_tmx", "seg_text", "tmx_frame", "validate_tmx",
    "write_tmx",
]

FRAME_COLUMNS = ("unit", "type", "score", "document", "source", "target", "inline_markup")


def tmx_frame(source: Source, srclang: str | None = None, tgtlang: str | None = None) -> pd.DataFrame:
    """The units of a TMX as a DataFrame (one row per unit), for analysis in pandas.

    This holds the whole memory in memory, unlike :func:`read_tmx`; use that to stream.
    pandas is imported here, not at module import, so streaming users do not pay for it.
    """
    import pandas as pd

    rows = ((u.tuid, u.bead, u.score, u.document, u.source, u.target, u.inline_markup)
            for u in read_tmx(source, srclang, tgtlang))
    return pd.DataFrame.from_records(rows, columns=list(FRAME_COLUMNS))
