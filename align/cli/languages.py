"""Language options for commands that segment nothing (``align pair``).

Pre-segmented input needs no language model: the aligner's evidence (numbers, names,
cognates, a lexicon learned from the pair itself) assumes no language pair. So any
well-formed BCP 47 tag is accepted there (``de``, ``is``, ``zh-Hant``); only commands that
cut text into sentences refuse languages the segmenter does not know.
"""

from __future__ import annotations

from collections.abc import Callable

import click

from align.cli.common import language_callback
from align.langcodes import check_tag

_any_lang = language_callback(check_tag)


def any_lang_options(f: Callable) -> Callable:
    """``--source-lang``/``--target-lang``: any BCP 47 tag (the TMX header's languages)."""
    f = click.option("--target-lang", default="fr", show_default=True, callback=_any_lang,
                     help="Language of the target (translation), any BCP 47 tag: fr, de, is, pt-BR…")(f)
    return click.option("--source-lang", default="en", show_default=True, callback=_any_lang,
                        help="Language of the source (original), any BCP 47 tag: en, de, zh-Hant…")(f)
