"""The corrected alignment out again: TMX, TSV and XLSX through the writers ``align run`` uses.

Units are numbered afresh in document order (``b0001``…). A unit the reviewer confirmed
or changed carries ``<prop type="x-review">confirmed|corrected</prop>`` in the TMX (and a
``review`` column in the tables), so a CAT tool user can tell checked units from the
aligner's guesses. Unaligned sentences go to ``unaligned.tsv`` with their reason, the
reviewer's "left untranslated on purpose" included: nothing is lost on the way out.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from align.errors import UsageError
from align.model import SOURCE, TARGET, TranslationUnit, Unaligned
from align.review import writers
from align.review.source import RunData
from align.review.state import AUTO, REASON_INTENTIONAL, Review

FORMATS = ("tmx", "tsv", "xlsx")
FILES = {"tmx": ("alignment.tmx",), "tsv": ("alignment.tsv", "unaligned.tsv"), "xlsx": ("alignment.xlsx",)}
REVIEW_PROP = "x-review"


def corrected_units(run: RunData, review: Review) -> tuple[TranslationUnit, ...]:
    """The units in document order, as ``align run`` would have written them, plus review status."""
    out = []
    for row in review.rows:
        if not row.is_unit:
            continue
        props = ((REVIEW_PROP, row.status),) if row.status != AUTO else ()
        out.append(TranslationUnit(
            " ".join(run.source[i] for i in row.src), " ".join(run.target[j] for j in row.tgt),
            f"b{len(out) + 1:04d}", row.score, f"{len(row.src)}-{len(row.tgt)}", run.document, props))
    return tuple(out)


def corrected_unaligned(run: RunData, review: Review) -> tuple[Unaligned, ...]:
    """Every sentence outside the units, by side and position, with its reason."""
    rows = []
    for row in review.rows:
        if row.is_unit:
            continue
        side, i = (SOURCE, row.src[0]) if row.src else (TARGET, row.tgt[0])
        text = run.source[i] if side == SOURCE else run.target[i]
        rows.append(Unaligned(side, i, text, REASON_INTENTIONAL if row.intentional else row.reason))
    return tuple(sorted(rows, key=lambda u: (u.side != SOURCE, u.index)))


def export(run: RunData, review: Review, outdir: str | Path, formats: Sequence[str] = FORMATS) -> dict[str, Path]:
    """Write the chosen formats into ``outdir`` (each file atomically); return their paths."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown export format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    out = Path(outdir)
    units, unaligned = corrected_units(run, review), corrected_unaligned(run, review)
    paths: dict[str, Path] = {}
    for fmt in formats:
        for name in FILES[fmt]:
            paths[name] = out / name
            writers.write(name, paths[name], units, unaligned, run.source_lang, run.target_lang)
    return paths


def render(name: str, run: RunData, review: Review) -> bytes:
    """One export file in memory (the page's download button)."""
    return writers.render(name, corrected_units(run, review), corrected_unaligned(run, review),
                          run.source_lang, run.target_lang)
