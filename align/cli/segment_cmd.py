"""``align segment`` (one sentence per line) and ``align split`` (French / English parts)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import click

from align.cli.common import lang_callback, quiet_option, say
from align.config import SegmentConfig
from align.errors import DataError, UsageError
from align.io import atomic_write, decode, file_offsets, read_bytes
from align.job import load_srx
from align.model import Sentence
from align.segment import segment_text
from align.segment.langid import by_language, detect, label
from align.segment.srx import SrxRules

SAMPLE = 5000  # characters used to guess the language of a whole document (--lang auto)


def _srx_options(f: Callable) -> Callable:
    f = click.option("--wrapped", is_flag=True,
                     help="Lines were broken by a PDF extractor: a line followed by a lower-case word goes on.")(f)
    f = click.option("--srx-lang", default=None, help="Language code used to pick the SRX rules (default: --lang).")(f)
    return click.option("--srx", "srx_file", default=None, metavar="omegat|languagetool|FILE.srx",
                        help="Segment as a CAT tool does: the rules of the installed OmegaT or LanguageTool, "
                             "or of this SRX 2.0 file.")(f)


def _load_srx(spec: str | None) -> SrxRules | None:
    """``omegat``, ``languagetool`` (the installed CAT tool's rules) or an SRX file's path;
    a missing file is a usage error (exit 2), as for every file."""
    return load_srx(spec)


def _segment(text: str, lang: str, srx_file: str | None, srx_lang: str | None, wrapped: bool) -> tuple[Sentence, ...]:
    """Segment with the document's language (guessed when ``auto``) and label each sentence."""
    seg_lang = lang
    if lang == "auto":
        guess = detect(text[:SAMPLE])
        seg_lang = guess if guess in ("en", "fr") else "en"
    config = SegmentConfig(lang=seg_lang, srx_lang=srx_lang, wrapped=wrapped)
    sentences = segment_text(text, seg_lang, config, srx=_load_srx(srx_file))
    return label(sentences, prior=seg_lang) if lang == "auto" else sentences


def _read(file: str) -> tuple[str, Callable[[int], int]]:
    """The text, and the map from its offsets to characters of FILE as given (BOM, CR LF)."""
    name = "standard input" if file == "-" else file
    data = read_bytes(file)
    text = decode(data, name)
    if not text.strip():
        raise DataError(f"{name}: file is empty")
    return text, file_offsets(data, text)


def _line(s: Sentence, offsets: bool, lang: bool, at: Callable[[int], int] = int) -> str:
    """One output line; a line break inside a sentence (joined wrapped lines) becomes a space."""
    text = " ".join(s.text.splitlines()) if "\n" in s.text or "\r" in s.text else s.text
    prefix = f"{at(s.start)}\t{at(s.end)}\t" if offsets else ""
    return prefix + (f"{s.lang}\t" if lang else "") + text


def _write(path: str, lines: Iterable[str]) -> None:
    with atomic_write(path) as fh:
        for line in lines:
            fh.write(line + "\n")


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--lang", default="auto", show_default=True, callback=lang_callback,
              help="en, fr, or auto (detect each sentence; prints LANG<TAB>sentence).")
@click.option("--offsets", is_flag=True,
              help="Prefix each line with START<TAB>END character offsets into FILE as given "
                   "(a BOM and each CR of CR LF count as one character).")
@_srx_options
@click.option("-o", "--output", default="-", type=click.Path(allow_dash=True), help="Output file (- = stdout).")
@quiet_option
def segment(file: str, lang: str, offsets: bool, srx_file: str | None, srx_lang: str | None,
            wrapped: bool, output: str, quiet: bool) -> None:
    """Cut FILE (- = stdin) into sentences, one per line."""
    text, at = _read(file)
    sentences = _segment(text, lang, srx_file, srx_lang, wrapped)
    _write(output, (_line(s, offsets, lang == "auto", at) for s in sentences))
    if output != "-":
        say(quiet, f"{len(sentences)} sentences → {output}")


@click.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--fr", "fr_out", default=None, type=click.Path(allow_dash=True),
              help="Where to write the French sentences.")
@click.option("--en", "en_out", default=None, type=click.Path(allow_dash=True),
              help="Where to write the English sentences.")
@click.option("--other", "other_out", default=None, type=click.Path(allow_dash=True),
              help="Where to write sentences that are neither (numbers, CJK…).")
@click.option("--offsets/--no-offsets", default=True, show_default=True,
              help="Prefix each line with START<TAB>END offsets into FILE.")
@_srx_options
@quiet_option
def split(file: str, fr_out: str | None, en_out: str | None, other_out: str | None, offsets: bool,
          srx_file: str | None, srx_lang: str | None, wrapped: bool, quiet: bool) -> None:
    """Write the French and the English sentences of a mixed FILE to two files, in document order."""
    targets = {"fr": fr_out, "en": en_out, "other": other_out}
    if not any(targets.values()):
        raise UsageError("nothing to write: give --fr FILE and/or --en FILE (and --other FILE)")
    text, at = _read(file)
    groups = by_language(_segment(text, "auto", srx_file, srx_lang, wrapped))
    for lang, path in targets.items():
        if path:
            _write(path, (_line(s, offsets, False, at) for s in groups.get(lang, ())))
    counts = ", ".join(f"{lang} {len(groups.get(lang, ()))}" for lang in targets)
    say(quiet, f"sentences: {counts}")


def register(group: click.Group) -> None:
    group.add_command(segment)
    group.add_command(split)
