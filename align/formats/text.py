"""Plain text files: read strictly (``align.io.decode``), kept as they are, checked for hard wrapping.

A text wrapped at a fixed width (pandoc's default 72 columns, e-mail, a PDF extraction)
breaks sentences at line ends; since a line break ends a sentence for the segmenter, such
a text aligns as garbage. It is recognised by its shape — nearly every line close to the
same width, far shorter than a paragraph, and many lines that end mid-sentence before a
lower-case word — and the user is told to pass ``--wrapped``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from align.formats.document import LINE_BREAK, PARAGRAPH, Block, ReadDocument
from align.io import decode

# A wrapped text's lines are at most this long (wider ones are paragraphs, one per line).
MAX_WRAP_WIDTH = 120
MIN_LINES = 8  # fewer lines are too little evidence
NEAR_WIDTH = 0.7  # a wrapped line (not a paragraph's last) reaches this share of the width
NEAR_SHARE = 0.6  # ... and this share of the lines does
MID_SENTENCE_SHARE = 0.25  # lines ending mid-sentence, followed by a lower-case word
_ENDS_SENTENCE = re.compile(r"[.?!…:;»”\"')\]]\s*$")


def wrap_width(text: str) -> int:
    """The width ``text`` looks hard-wrapped at, or 0 when it does not look wrapped."""
    return _wrap_width(text.split("\n"))


def _wrap_width(raw: list[str]) -> int:
    """``wrap_width`` of the text whose lines are ``raw``.

    A line wider than any wrap, followed by a non-blank one, settles it at once (0): the
    widest such line would make the width too large, and too few lines would give 0 too.
    Most texts (a paragraph per line) say so on their first line, without the per-line
    passes below (0.1 s for a file of 100,000 paragraphs)."""
    for a, b in pairwise(raw):
        if len(a) > MAX_WRAP_WIDTH and len(a.rstrip()) > MAX_WRAP_WIDTH and b.strip():
            return 0
    lines = [ln.rstrip() for ln in raw]
    inner = [a for a, b in pairwise(lines) if a.strip() and b.strip()]
    if len(inner) < MIN_LINES:
        return 0
    width = max(len(a) for a in inner)
    if width > MAX_WRAP_WIDTH:
        return 0
    near = sum(len(a) >= NEAR_WIDTH * width for a in inner) / len(inner)
    mid = sum(not _ENDS_SENTENCE.search(a) and b.lstrip()[:1].islower()
              for a, b in pairwise(lines) if a.strip() and b.strip()) / len(inner)
    return width if near >= NEAR_SHARE and mid >= MID_SENTENCE_SHARE else 0


def read_txt(data: bytes, name: str) -> ReadDocument:
    """A UTF-8 (or BOM-marked UTF-16) text: a line per paragraph, blank lines between passages."""
    text = decode(data, name)
    raw = text.split("\n")
    width = _wrap_width(raw)
    warnings = (f"{name} looks hard-wrapped at {width} columns (lines end in mid-sentence): "
                "pass --wrapped so that a line break inside a sentence does not end it",) if width else ()
    return ReadDocument(name, "text", text_blocks(text, raw), warnings, raw_text=text)


# Runs of the spaces ``one_line`` folds, except a lone " " (which it leaves as it is): what
# is left for the substitution is rare, where every space between two words was a match
# (1 s of ``re.sub`` for a file of 100,000 paragraphs). No "\n": lines are cut first.
_RUNS = re.compile(r"[\t\r\f\v][ \t\r\f\v]*| [ \t\r\f\v]+")
_ODD = ("\t", "\r", "\f", "\v", "  ")
_CHUNK = 1 << 16


def _fold(text: str) -> str:
    """``text`` with every run of ``one_line``'s spaces (its line breaks aside) made one space.

    Only the stretches of ``_CHUNK`` characters (cut at line ends) that hold an odd space
    go through the regular expression; C-level ``in`` tests find them."""
    if not any(s in text for s in _ODD):
        return text
    parts: list[str] = []
    start, n = 0, len(text)
    while start < n:
        end = text.find("\n", start + _CHUNK)
        end = n if end < 0 else end + 1
        chunk = text[start:end]
        parts.append(_RUNS.sub(" ", chunk) if any(s in chunk for s in _ODD) else chunk)
        start = end
    return "".join(parts)


def text_blocks(text: str, raw: list[str] | None = None) -> tuple[Block, ...]:
    """The blocks of a text file, as ``Grouper`` makes them (a ``Grouper.add`` of each
    non-blank line, a ``new_passage`` at each blank one), in one pass.

    The spaces are folded over the whole text at once (a run never crosses a line end, nor
    a ``LINE_BREAK``, which ``one_line`` does not fold), so a line is only stripped; a line
    that is not blank (``str.strip``) always keeps a character that neither folding nor
    stripping removes, so it makes at least one block. ``raw``: ``text.split("\n")``."""
    folded = _fold(text)
    lines = raw if raw is not None and folded is text else folded.split("\n")
    blocks: list[Block] = []
    append = blocks.append
    new, kind, set_text, set_group = _block_parts()
    group = 0
    pending = False
    split = LINE_BREAK in text
    for line in lines:
        if not line.strip():
            pending = bool(blocks)
            continue
        if pending:
            group += 1
            pending = False
        if split:
            for part in line.split(LINE_BREAK):
                part = part.strip(" ")
                if part:
                    append(Block(PARAGRAPH, part, group))
        else:
            b = new(Block)
            kind(b, PARAGRAPH)
            set_text(b, line.strip(" "))
            set_group(b, group)
            append(b)
    return tuple(blocks)


def _block_parts() -> tuple[Callable[[type], Block], Callable[[Block, str], None], Callable[[Block, str], None],
                            Callable[[Block, int], None]]:
    """``Block(PARAGRAPH, text, group)`` as four C calls: a frozen data class's ``__init__``
    sets each field through ``object.__setattr__`` from Python (0.08 s of the 0.11 s that
    100,000 lines take); its slots' own setters make the same object (equal, same hash)."""
    slots = vars(Block)
    return object.__new__, slots["kind"].__set__, slots["text"].__set__, slots["group"].__set__
