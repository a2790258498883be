"""The files ``align run`` and ``align terms`` write into their output folder, each atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from align.formats import tmx, tsv
from align.io import atomic_write
from align.model import Finding, PairResult, TermStats, TranslationUnit
from align.report.html import render_html
from align.report.json import dumps, report_data
from align.report.tables import findings_frame, terms_frame
from align.review.source import ALIGNMENT_FILE, alignment_data

TERM_FILES = ("terms.csv", "issues.csv", "findings.json", "report.html")
OUTPUT_FILES = ("alignment.tmx", "alignment.tsv", "unaligned.tsv", ALIGNMENT_FILE, *TERM_FILES)


def write_term_reports(
    outdir: str | Path, terms: Sequence[TermStats], findings: Sequence[Finding],
    units: Sequence[TranslationUnit], name: str = "", ignored: int = 0,
) -> dict[str, Path]:
    """terms.csv, issues.csv, findings.json and the self-contained report.html."""
    out = Path(outdir)
    paths = {n: out / n for n in TERM_FILES}
    data = report_data(terms, findings, name, ignored)
    with atomic_write(paths["terms.csv"]) as fh:
        terms_frame(terms).to_csv(fh, index=False)
    with atomic_write(paths["issues.csv"]) as fh:
        findings_frame(findings).to_csv(fh, index=False)
    with atomic_write(paths["findings.json"]) as fh:
        fh.write(dumps(data))
    with atomic_write(paths["report.html"]) as fh:
        fh.write(render_html(data, units))
    return paths


def write_outputs(result: PairResult, outdir: str | Path, header: tmx.TmxHeader) -> dict[str, Path]:
    """Write every output of ``result`` into ``outdir``; return their paths by name."""
    return write_all(result, outdir, header)[0]


def write_all(
    result: PairResult, outdir: str | Path, header: tmx.TmxHeader
) -> tuple[dict[str, Path], tmx.WriteSummary]:
    """Like :func:`write_outputs`, also returning what the TMX writer left out (to print)."""
    out = Path(outdir)
    paths = {name: out / name for name in OUTPUT_FILES}
    with atomic_write(paths["alignment.tmx"], "wb") as fh:
        # run_pair already left untranslated target sentences out of the alignment (each
        # labelled with the document's language as prior): no need to detect them again.
        written = tmx.write_tmx(fh, result.units, header, drop_untranslated=False)
    with atomic_write(paths["alignment.tsv"]) as fh:
        tsv.write_alignment(fh, result.units)
    with atomic_write(paths["unaligned.tsv"]) as fh:
        tsv.write_unaligned(fh, result.unaligned)
    alone = tuple(TranslationUnit("", u.text, f"t{u.index + 1:04d}") for u in result.unaligned if u.side == "target")
    name = next((u.document for u in result.units if u.document), result.target.name)
    with atomic_write(paths[ALIGNMENT_FILE]) as fh:  # what align review reads: sentences and units
        fh.write(dumps(alignment_data(result, header.srclang, header.tgtlang, name)))
    write_term_reports(out, result.terms, result.findings, result.units + alone, name)
    return paths, written
