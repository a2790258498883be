"""``align segment``: one sentence per line."""

from __future__ import annotations

import click

from align.cli.common import lang_callback, quiet_option
from align.io import atomic_write, read_text
from align.segment import segment_text
from align.segment.langid import detect


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--lang", default="auto", show_default=True, callback=lang_callback,
              help="en, fr, or auto (detect each sentence; prints LANG<TAB>sentence).")
@click.option("-o", "--output", default="-", type=click.Path(allow_dash=True), help="Output file (- = stdout).")
@quiet_option
def segment(file: str, lang: str, output: str, quiet: bool) -> None:
    """Cut FILE (- = stdin) into sentences, one per line."""
    text = read_text(file)
    sentences = segment_text(text, "en" if lang == "auto" else lang)
    with atomic_write(output) as fh:
        for s in sentences:
            line = f"{detect(s.text)}\t{s.text}" if lang == "auto" else s.text
            fh.write(line + "\n")


def register(group: click.Group) -> None:
    group.add_command(segment)
