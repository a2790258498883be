"""What the TMX DTD cannot check, and the statistics ``align tmx stats`` prints.

The DTD accepts ``xml:lang="fr_FR"``, TMX 1.1 ``lang=`` attributes, empty ``<seg/>`` and
one-sided ``<tu>``; CAT tools then skip units (OmegaT: "source language not found") or
import empty matches. :func:`scan_tmx` finds those in one constant-memory pass and counts
what a user wants to know about a memory before importing it.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from align.errors import AlignError
from align.formats.tmx_read import RawHeader, RawTu, Source, iter_tmx
from align.langcodes import check_tag, same_language

REQUIRED_HEADER = ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype")
SEGTYPES = ("block", "paragraph", "sentence", "phrase")
_DATE = re.compile(r"^\d{8}T\d{6}Z$")
MAX_PROBLEMS = 1000


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a TMX file, with the line it is on (0 when unknown)."""

    line: int
    message: str
    tuid: str = ""

    def __str__(self) -> str:
        where = f"line {self.line}" + (f" (tu {self.tuid})" if self.tuid else "")
        return f"{where}: {self.message}"


@dataclass
class TmxReport:
    """Counts and problems of one TMX file, built in a single pass."""

    version: str = ""
    srclang: str = ""
    units: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    empty_segments: int = 0
    one_sided: int = 0
    duplicates: int = 0
    inline_markup: int = 0
    lengths: dict[str, Counter[int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    problems_total: int = 0
    _seen: set[bytes] = field(default_factory=set, repr=False)

    def add_problem(self, line: int, message: str, tuid: str = "") -> None:
        self.problems_total += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(line, message, tuid))


def length_summary(hist: Counter[int]) -> tuple[int, int, int, int, float]:
    """(min, median, 90th percentile, max, mean) segment length from a length histogram.

    A histogram keeps memory bounded by the number of distinct lengths, not of segments.
    """
    total = sum(hist.values())
    if not total:
        return (0, 0, 0, 0, 0.0)
    ordered = sorted(hist.items())
    return (ordered[0][0], _quantile(ordered, total, 0.5), _quantile(ordered, total, 0.9),
            ordered[-1][0], sum(k * v for k, v in ordered) / total)


def _quantile(ordered: list[tuple[int, int]], total: int, q: float) -> int:
    rank, seen = max(1, round(q * total)), 0
    for value, count in ordered:
        seen += count
        if seen >= rank:
            return value
    return ordered[-1][0]


def scan_tmx(source: Source) -> TmxReport:
    """Statistics and problems of a TMX file, in one pass and constant memory (but duplicates:
    one 8-byte digest per distinct TU)."""
    report = TmxReport()
    for item in iter_tmx(source):
        if isinstance(item, RawHeader):
            _check_header(item, report)
        else:
            _check_tu(item, report)
    if not report.srclang and report.units == 0:
        report.add_problem(0, "no <header> and no <tu>: an empty memory")
    return report


def validate_tmx(source: Source) -> list[Problem]:
    """Problems the DTD cannot see: language codes, empty segments, one-sided units, header."""
    return scan_tmx(source).problems


def _check_header(h: RawHeader, report: TmxReport) -> None:
    report.version = h.version
    report.srclang = h.get("srclang") or ""
    if h.version not in ("1.4", "1.4b"):
        report.add_problem(h.line, f"<tmx version={h.version!r}>: CAT tools expect version=\"1.4\"")
    missing = [a for a in REQUIRED_HEADER if not h.get(a)]
    if missing:
        report.add_problem(h.line, "header lacks required attribute(s): " + ", ".join(missing))
    if h.get("segtype") and h.get("segtype") not in SEGTYPES:
        report.add_problem(h.line, f"segtype {h.get('segtype')!r} is not one of {', '.join(SEGTYPES)}")
    date = h.get("creationdate")
    if date and not _DATE.match(date):
        report.add_problem(h.line, f"creationdate {date!r} is not YYYYMMDDThhmmssZ")
    for attr in ("srclang", "adminlang"):
        value = h.get(attr)
        if value and value != "*all*" and (msg := _tag_problem(value)):
            report.add_problem(h.line, f"header {attr}: {msg}")


def _tag_problem(tag: str) -> str:
    try:
        check_tag(tag)
    except AlignError as exc:
        return exc.one_line()
    return ""


def _check_tu(tu: RawTu, report: TmxReport) -> None:
    report.units += 1
    filled = 0
    for v in tu.variants:
        report.languages[v.lang] += 1
        report.inline_markup += v.markup
        if not v.lang:
            report.add_problem(v.line, "<tuv> without xml:lang", tu.tuid)
        elif msg := _tag_problem(v.lang):
            report.add_problem(v.line, msg, tu.tuid)
        if v.legacy and report.version.startswith("1.4"):
            report.add_problem(v.line, "<tuv lang=...> is TMX 1.1; TMX 1.4 uses xml:lang", tu.tuid)
        if not v.text.strip():
            report.empty_segments += 1
            report.add_problem(v.line, f"empty <seg> ({v.lang or 'no language'})", tu.tuid)
        else:
            filled += 1
            report.lengths.setdefault(v.lang, Counter())[len(v.text)] += 1
    if filled < 2:
        report.one_sided += 1
        report.add_problem(tu.line, f"one-sided <tu>: {filled} non-empty <tuv>", tu.tuid)
    src = report.srclang
    if src and src != "*all*" and tu.variants and not any(same_language(v.lang, src) for v in tu.variants):
        report.add_problem(tu.line, f"no <tuv> in the header's srclang {src!r}", tu.tuid)
    key = hashlib.blake2b("\x00".join(f"{v.lang.lower()}\x01{v.text}" for v in tu.variants)
                          .encode("utf-8", "surrogatepass"), digest_size=8).digest()
    if key in report._seen:
        report.duplicates += 1
    else:
        report._seen.add(key)
