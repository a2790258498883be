"""``align evaluate``: how close an alignment is to a gold one (P/R/F1, strict and lax)."""

from __future__ import annotations

import io
from pathlib import Path

import click

from align import evaluate as ev
from align.cli.common import quiet_option
from align.errors import UsageError
from align.formats.links import parse_links
from align.formats.tmx import read_tmx
from align.formats.tsv import is_alignment_tsv, read_alignment
from align.io import read_bytes, read_text
from align.model import EvalCounts

_LINK_HEADER = "document\tstrict_p\tstrict_r\tstrict_f1\tlax_p\tlax_r\tlax_f1"
_TEXT_HEADER = "document\tlink_p\tlink_r\tlink_f1"


def _is_links(text: str) -> bool:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    return first.lstrip().startswith("[")


def _units(path: str) -> list[tuple[str, str]]:
    """(source, target) of each unit of an alignment.tsv or a TMX: the prediction for a text gold."""
    data = read_bytes(path)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return [(u.source, u.target) for u in read_tmx(io.BytesIO(data))]
    text = read_text(path)
    if not is_alignment_tsv(text):
        raise UsageError(f"{path}: a gold of sentence pairs (source<TAB>target) is compared with an "
                         "alignment.tsv or a TMX", hint="or give a gold in the link format [0]:[0, 1]")
    return [(u.source, u.target) for u in read_alignment(text)]


def _row(name: str, values: tuple[float, ...]) -> str:
    return name + "\t" + "\t".join(f"{v:.3f}" for v in values)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@quiet_option
def evaluate(files: tuple[str, ...], quiet: bool) -> None:
    """Score alignments against gold ones: FILES are GOLD PRED [GOLD PRED …].

    A GOLD in the link format ([0]:[0, 1] per line, as Vecalign writes) is compared with
    link files: precision, recall and F1, strict (same unit) and lax (one sentence pair in
    common), from summed counts (Vecalign's score.py). A GOLD of sentence pairs (source
    sentence<TAB>target sentence per line, as parallel/*.gold.tsv) is compared with the
    units of an alignment.tsv or a TMX, by text: the score does not depend on where the
    sentences were cut. One row per document and one for ALL; with -q, only the ALL row.
    """
    if len(files) % 2:
        raise UsageError("evaluate takes pairs of files: GOLD PRED [GOLD PRED …]")
    links_total, text_total = EvalCounts(), [0, 0, 0]
    link_rows, text_rows = [], []
    for gold_path, pred_path in zip(files[::2], files[1::2], strict=True):
        gold_text = read_text(gold_path)
        name = Path(pred_path).name
        if _is_links(gold_text):
            counts = ev.count(parse_links(gold_text, gold_path), parse_links(read_text(pred_path), pred_path))
            links_total = links_total + counts
            s = ev.scores(counts)
            link_rows.append(_row(name, (s.strict_p, s.strict_r, s.strict_f1, s.lax_p, s.lax_r, s.lax_f1)))
        else:
            gold = ev.read_text_gold(gold_text)
            pred = ev.links_from_units(_units(pred_path), gold)
            text_total = [text_total[0] + len(gold & pred), text_total[1] + len(pred), text_total[2] + len(gold)]
            text_rows.append(_row(name, ev.link_scores(gold, pred)))
    if link_rows:
        s = ev.scores(links_total)
        _table(_LINK_HEADER, link_rows, _row("ALL", (s.strict_p, s.strict_r, s.strict_f1, s.lax_p, s.lax_r, s.lax_f1)),
               quiet)
    if text_rows:
        tp, npred, ngold = text_total
        p, r = tp / npred if npred else 0.0, tp / ngold if ngold else 0.0
        _table(_TEXT_HEADER, text_rows, _row("ALL", (p, r, 2 * p * r / (p + r) if p + r else 0.0)), quiet)


def _table(header: str, rows: list[str], total: str, quiet: bool) -> None:
    """The header, each document (when more than one), and ALL; only ALL with --quiet."""
    if not quiet:
        click.echo(header)
        for row in rows if len(rows) > 1 else ():
            click.echo(row)
    click.echo(total)


def register(group: click.Group) -> None:
    group.add_command(evaluate)
