"""The ``align`` command: a thin click layer over the library.

Each command lives in its own module and only parses options, calls library functions
and prints; nothing in ``align`` imports this package.
"""

from __future__ import annotations

import click

from align import __version__
from align.cli import batch_cmd, evaluate_cmd, pair_cmd, review_cmd, segment_cmd, terms_cmd, tmx_cmd
from align.cli.common import Group


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="align")
def main() -> None:
    """Align a French translation with (fragments of) its English original.

    Writes a TMX 1.4b translation memory for CAT tools, TSV and Excel tables, and a
    key-term consistency report. Documents may be plain text, Markdown, HTML, Word
    (.docx) or OpenDocument (.odt); "fragments" are passages of the original, separated by
    blank lines, in any order, each found in the translation. Start with `align demo`, or
    `align run SOURCE TARGET -o DIR`; settings shared by a team go in align.toml.
    """


for _module in (segment_cmd, pair_cmd, evaluate_cmd, tmx_cmd, terms_cmd, batch_cmd, review_cmd):
    _module.register(main)
