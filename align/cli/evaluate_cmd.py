"""``align evaluate``: strict and lax P/R/F1 of link files against gold."""

from __future__ import annotations

from pathlib import Path

import click

from align import evaluate as ev
from align.cli.common import quiet_option
from align.errors import UsageError
from align.formats.links import parse_links
from align.io import read_text
from align.model import EvalCounts


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@quiet_option
def evaluate(files: tuple[str, ...], quiet: bool) -> None:
    """Score predicted links against gold: FILES are GOLD PRED [GOLD PRED …].

    Prints precision, recall and F1 (strict and lax) per document and over all, from
    summed counts (Vecalign's score.py).
    """
    if len(files) % 2:
        raise UsageError("evaluate takes pairs of files: GOLD PRED [GOLD PRED …]")
    total = EvalCounts()
    rows = []
    for gold_path, pred_path in zip(files[::2], files[1::2], strict=True):
        gold = parse_links(read_text(gold_path), gold_path)
        pred = parse_links(read_text(pred_path), pred_path)
        counts = ev.count(gold, pred)
        total = total + counts
        rows.append((Path(pred_path).name, ev.scores(counts)))
    rows.append(("ALL", ev.scores(total)))
    click.echo("document\tstrict_p\tstrict_r\tstrict_f1\tlax_p\tlax_r\tlax_f1")
    for name, s in rows if len(rows) > 2 else rows[-1:]:
        vals = (s.strict_p, s.strict_r, s.strict_f1, s.lax_p, s.lax_r, s.lax_f1)
        click.echo(name + "\t" + "\t".join(f"{v:.3f}" for v in vals))


def register(group: click.Group) -> None:
    group.add_command(evaluate)
