"""Plain text files: read strictly (``align.io.decode``), kept as they are, checked for hard wrapping.

A text wrapped at a fixed width (pandoc's default 72 columns, e-mail, a PDF extraction)
breaks sentences at line ends; since a line break ends a sentence for the segmenter, such
a text aligns as garbage. It is recognised by its shape — nearly every line close to the
same width, far shorter than a paragraph, and many lines that end mid-sentence before a
lower-case word — and the user is told to pass ``--wrapped``.
"""

from __future__ import annotations

import re
from itertools import pairwise

from align.formats.document import PARAGRAPH, Grouper, ReadDocument
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
    lines = [ln.rstrip() for ln in text.split("\n")]
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
    g = Grouper()
    for line in text.split("\n"):
        if line.strip():
            g.add(PARAGRAPH, line)
        else:
            g.new_passage()
    width = wrap_width(text)
    warnings = (f"{name} looks hard-wrapped at {width} columns (lines end in mid-sentence): "
                "pass --wrapped so that a line break inside a sentence does not end it",) if width else ()
    return ReadDocument(name, "text", tuple(g.blocks), warnings, raw_text=text)
