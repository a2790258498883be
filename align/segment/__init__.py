"""Sentence segmentation: text → ``Sentence`` records with offsets, paragraph and block.

Three layers, each in its own module: paragraph structure (``lines``: a line break ends a
sentence, a blank line starts a block), NLTK Punkt with shipped parameters (``punkt``,
Kiss & Strunk 2006) inside a paragraph, and named rules for what Punkt misses (``rules``).
An SRX file (``srx``) can replace the last two. Only boundaries are computed, never new
text, so ``text[s.start:s.end] == s.text`` for every sentence and the sentences joined
give back the input up to whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from align.config import SegmentConfig
from align.langcodes import base
from align.model import Sentence
from align.segment.lines import chunks
from align.segment.punkt import tokenizer
from align.segment.rules import apply_rules, missing_space_after_stop
from align.segment.srx import SrxRules, SrxSegmenter

# Punkt compares each candidate with the word before it; inside a token with no space and
# many stops ("!)!)!)…") that word grows with every stop, which is quadratic. Stops inside
# such tokens are hidden from Punkt (same length, so offsets hold); rules still see them.
LONG_TOKEN = 200
_LONG = re.compile(rf"\S{{{LONG_TOKEN},}}")
_STOP_CHARS = re.compile(r"[.?!…‽]")


def _punkt_view(line: str) -> str:
    """What Punkt is shown: long tokens defused, and glued stops (``Tuesday.Mr. Smith``) turned
    into spaces so that Punkt sees the abbreviation ``Mr.`` (the rule layer adds the break)."""
    view = _LONG.sub(lambda m: _STOP_CHARS.sub("_", m.group()), line)
    glued = list(missing_space_after_stop(view))
    if not glued:
        return view
    chars = list(view)
    for p in glued:
        chars[p - 1] = " "
    return "".join(chars)


def punkt_boundaries(line: str, lang: str) -> Iterator[int]:
    """Where Punkt ends sentences inside ``line`` (end offsets, the last one excluded).

    Punkt is only called when its own candidate pattern (a stop followed by a space and a
    token, or by punctuation) occurs in the line: most lines of a one-sentence-per-line
    file have none, and the call costs more than the search.
    """
    punkt = tokenizer(lang)
    if not punkt._lang_vars.period_context_re().search(line):
        return
    spans = list(punkt.span_tokenize(_punkt_view(line)))
    for _start, end in spans[:-1]:
        yield end


def split_line(line: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph, trimmed of surrounding whitespace."""
    spans, prev = [], 0
    for p in [*apply_rules(line, punkt_boundaries(line, lang)), len(line)]:
        start, end = prev, p
        while start < end and line[start].isspace():
            start += 1
        while end > start and line[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
        prev = p
    return spans


def segment_text(
    text: str, lang: str = "en", config: SegmentConfig | None = None, srx: SrxRules | None = None
) -> tuple[Sentence, ...]:
    """Cut ``text`` into sentences; ``text[s.start:s.end] == s.text`` for each sentence.

    ``srx`` (rules parsed by ``align.segment.srx.parse_srx``) replaces Punkt and the rule
    layer inside paragraphs, to cut as a CAT tool does; ``config.srx_lang`` picks the SRX
    language rules (default: ``lang``) and ``config.wrapped`` joins PDF-broken lines.
    """
    config = config or SegmentConfig(lang=lang)
    code = base(lang)
    splitter = SrxSegmenter(srx, config.srx_lang or code).split if srx is not None else None
    sentences: list[Sentence] = []
    for chunk in chunks(text, wrapped=config.wrapped):
        line = text[chunk.start:chunk.end]
        spans = splitter(line) if splitter else split_line(line, code)
        for start, end in spans:
            a, b = chunk.start + start, chunk.start + end
            sentences.append(Sentence(text[a:b], a, b, chunk.paragraph, chunk.block))
    return tuple(sentences)
