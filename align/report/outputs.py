"""The files one ``align run`` writes into its output folder, each written atomically."""

from __future__ import annotations

from pathlib import Path

from align.formats import tmx, tsv
from align.io import atomic_write
from align.model import PairResult
from align.report.tables import findings_frame, terms_frame

OUTPUT_FILES = ("alignment.tmx", "alignment.tsv", "unaligned.tsv", "terms.csv", "issues.csv")


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
        written = tmx.write_tmx(fh, result.units, header)
    with atomic_write(paths["alignment.tsv"]) as fh:
        tsv.write_alignment(fh, result.units)
    with atomic_write(paths["unaligned.tsv"]) as fh:
        tsv.write_unaligned(fh, result.unaligned)
    with atomic_write(paths["terms.csv"]) as fh:
        terms_frame(result.terms).to_csv(fh, index=False)
    with atomic_write(paths["issues.csv"]) as fh:
        findings_frame(result.findings).to_csv(fh, index=False)
    return paths, written
