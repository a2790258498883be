"""Sentence segmentation: text → ``Sentence`` records with offsets, paragraph and block.

Paragraph structure comes first: a line break always ends a sentence (headings without
final punctuation, list items, speaker lines), and a blank line starts a new *block* —
the unit a fragments file is made of. Inside a line, Punkt finds the sentence ends.
"""

from __future__ import annotations

from collections.abc import Iterator

from align.langcodes import base
from align.model import Sentence
from align.segment.punkt import tokenizer


def lines_with_offsets(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text`` with the offset of its first character."""
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def split_line(line: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph line, trimmed of surrounding whitespace."""
    spans = []
    for start, end in tokenizer(lang).span_tokenize(line):
        while start < end and line[start].isspace():
            start += 1
        while end > start and line[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def segment_text(text: str, lang: str = "en") -> tuple[Sentence, ...]:
    """Cut ``text`` into sentences; ``text[s.start:s.end] == s.text`` for each sentence."""
    code = base(lang)
    sentences: list[Sentence] = []
    paragraph, block, blank_run = -1, 0, False
    for offset, line in lines_with_offsets(text):
        if not line.strip():
            blank_run = paragraph >= 0
            continue
        if blank_run:
            block, blank_run = block + 1, False
        paragraph += 1
        for start, end in split_line(line, code):
            sentences.append(Sentence(line[start:end], offset + start, offset + end, paragraph, block))
    return tuple(sentences)
