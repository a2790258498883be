"""``align terms``: key-term consistency of an existing alignment."""

from __future__ import annotations

import click

from align.cli.common import quiet_option, say
from align.formats.glossary import parse_glossary
from align.formats.tsv import read_alignment
from align.io import atomic_write, read_text
from align.report.tables import findings_frame, terms_frame
from align.terms import check_pairs


@click.command()
@click.argument("input_file", metavar="INPUT", type=click.Path(allow_dash=True))
@click.option("--glossary", required=True, type=click.Path(), help="Glossary TSV/CSV.")
@click.option("-o", "--output-dir", "outdir", default="out", show_default=True, type=click.Path(file_okay=False))
@quiet_option
def terms(input_file: str, glossary: str, outdir: str, quiet: bool) -> None:
    """Check key terms over an alignment.tsv: writes terms.csv and issues.csv."""
    units = read_alignment(read_text(input_file))
    stats, findings = check_pairs(units, parse_glossary(read_text(glossary), glossary))
    with atomic_write(f"{outdir}/terms.csv") as fh:
        terms_frame(stats).to_csv(fh, index=False)
    with atomic_write(f"{outdir}/issues.csv") as fh:
        findings_frame(findings).to_csv(fh, index=False)
    say(quiet, f"{len(stats)} terms checked, {len(findings)} findings, written to {outdir}/")


def register(group: click.Group) -> None:
    group.add_command(terms)
