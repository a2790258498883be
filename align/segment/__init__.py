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

from align.config import SegmentConfig
from align.langcodes import base
from align.model import Sentence
from align.segment.boundaries import RuleSet, apply_rules, rules_for
from align.segment.lines import chunks
from align.segment.punkt import candidates
from align.segment.punkt_spans import span_finder
from align.segment.rules import missing_space_after_stop
from align.segment.srx import SrxRules, SrxSegmenter

# Punkt compares each candidate with the word before it; inside a token with no space and
# many stops ("!)!)!)…") that word grows with every stop, which is quadratic. Stops inside
# such tokens are hidden from Punkt (same length, so offsets hold); rules still see them.
LONG_TOKEN = 200
_LONG = re.compile(rf"(?<!\S)\S{{{LONG_TOKEN},}}")  # tried at word starts only
_STOP_CHARS = re.compile(r"[.?!…‽]")
_SPACE = re.compile(r"\s")
# A run of many stops (". . . . . . . .") is no run of one-character sentences; Punkt would
# weigh each stop in turn. Its inner stops are hidden, the first and last four kept.
_RUN = 9
_STOP_RUN = re.compile(rf"(?:[.?!…‽][ \t]?){{{_RUN},}}")


def _stop_count(line: str) -> int:
    """How many stops ``line`` holds (``str.count`` is far cheaper than a regex scan)."""
    return line.count(".") + line.count("?") + line.count("!") + line.count("…") + line.count("‽")


def _inner_stops_hidden(m: re.Match) -> str:
    run = m.group()
    if len(run) <= 16:  # nothing between the first and last eight (the view keeps its length)
        return run
    return run[:8] + _STOP_CHARS.sub("_", run[8:-8]) + run[-8:]


def _punkt_view(line: str) -> str:
    """What Punkt is shown: long tokens defused, and glued stops (``Tuesday.Mr. Smith``) turned
    into spaces so that Punkt sees the abbreviation ``Mr.`` (the rule layer adds the break)."""
    view = line
    if len(line) >= LONG_TOKEN:  # no token of LONG_TOKEN characters otherwise
        view = _LONG.sub(lambda m: _STOP_CHARS.sub("_", m.group()), view)
    if _stop_count(view) >= _RUN:
        view = _STOP_RUN.sub(_inner_stops_hidden, view)
    glued = list(missing_space_after_stop(view))
    if not glued:
        return view
    chars = list(view)
    for p in glued:
        chars[p - 1] = " "
    return "".join(chars)


# Punkt is run on windows of at most this many characters, cut at a space: NLTK's regex
# guard stops any single match loop after 5 s, which a 10 MB line would exceed.
WINDOW = 20_000
MARGIN = 1_000  # boundaries this close to a window's cut are left to the next window


def _punkt_window(view: str, start: int, end: int, lang: str, decided: dict[str, bool] | None = None) -> list[int]:
    spans = span_finder(lang).spans(view[start:end], decided)
    return [start + e for _s, e in spans[:-1]]


def _next_space(line: str, pos: int, limit: int) -> int:
    """The first whitespace at or after ``pos`` and before ``limit`` (``limit`` if none)."""
    m = _SPACE.search(line, pos, limit)
    return m.start() if m else limit


def punkt_boundaries(line: str, lang: str, decided: dict[str, bool] | None = None) -> list[int]:
    """Where Punkt ends sentences inside ``line`` (end offsets, the last one excluded).

    Punkt is only called when its own candidate pattern (a stop followed by a space and a
    token, or by punctuation) occurs in the line: most lines of a one-sentence-per-line
    file have none, and the call costs more than the search. A long line is cut into
    overlapping windows so that time stays linear in its length. ``decided``: Punkt's
    decisions so far on the same text (see ``punkt_spans``).
    """
    if len(line) <= WINDOW and not candidates(lang).search(line):
        return []
    view = _punkt_view(line)
    if len(line) <= WINDOW:
        return _punkt_window(view, 0, len(line), lang, decided)
    found: set[int] = set()
    start = 0
    while start < len(line):
        end = len(line) if start + WINDOW >= len(line) else _next_space(line, start + WINDOW - MARGIN, start + WINDOW)
        breaks = _punkt_window(view, start, end, lang, decided)
        if end == len(line):
            found.update(breaks)
            break
        kept = [b for b in breaks if b < end - MARGIN]
        found.update(kept)
        # Restart at the last boundary found (Punkt then sees that sentence whole), unless
        # that would not move far enough: then at a space near the cut.
        restart = kept[-1] if kept and kept[-1] - start >= WINDOW // 2 else 0
        start = restart or _next_space(line, end - MARGIN, end)
    return sorted(found)


# Anything that can end a sentence or start a list item inside a line.
_INNER_MARK = re.compile(r"[.?!…‽。！？•⁃◦▪‣]")
_LIST_START = re.compile(r"\s*(?:\d{1,3}|[a-z])[.)]")  # may be an inline list: 1) … 2) …
_TAIL = ".?!…‽。！？" + "»”’\"')]}】》」』›" + " \t\r\n\u00a0\u202f\u2009\u2007\u3000"


def _one_sentence(line: str) -> bool:
    """No stop or bullet before the final punctuation: the line is one sentence.

    Most lines of a one-sentence-per-line file (and every heading) take this path, which
    skips Punkt and the rules entirely.
    """
    return not _INNER_MARK.search(line, 0, len(line.rstrip(_TAIL))) and not _LIST_START.match(line)


def split_line(line: str, lang: str, rules: RuleSet | None = None,
               decided: dict[str, bool] | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph, trimmed of surrounding whitespace (``rules``:
    see ``boundaries.rules_for``; ``decided``: see ``punkt_boundaries``)."""
    if _one_sentence(line):
        start, end = len(line) - len(line.lstrip()), len(line.rstrip())
        return [(start, end)] if end > start else []
    return _split_spans(line, lang, rules, decided)


def _split_spans(line: str, lang: str, rules: RuleSet | None, decided: dict[str, bool] | None) -> list[tuple[int, int]]:
    """``split_line`` for a line ``_one_sentence`` refused (``_line_sentences`` has asked already)."""
    spans, prev = [], 0
    for p in [*apply_rules(line, punkt_boundaries(line, lang, decided), rules), len(line)]:
        piece = line[prev:p]
        end = prev + len(piece.rstrip())
        if end > prev:
            spans.append((prev + len(piece) - len(piece.lstrip()), end))
        prev = p
    return spans


# A space or tab before a line break: an editor's wrap may join two lines (``lines._joins``).
_SOFT_WRAP = re.compile(r"[ \t](?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])")


def _line_sentences(text: str, code: str, rules: RuleSet, decided: dict[str, bool]) -> list[Sentence]:
    """``segment_text`` for a text in which no two lines join (one paragraph per line), in
    one pass over ``str.splitlines``: a line that ``_one_sentence`` accepts is one sentence,
    without building its chunk or calling ``split_line`` (most lines of a one-sentence-per-line
    file). Paragraphs and blocks as ``lines.chunks`` numbers them (test)."""
    out: list[Sentence] = []
    pos, paragraph, block, blank_run, size = 0, -1, 0, False, len(text)
    inner, list_start = _INNER_MARK.search, _LIST_START.match
    for line in text.splitlines():
        after = pos + len(line)
        if after < size:  # the line break: one character, or two for \r\n
            after += 2 if text[after] == "\r" and text[after + 1:after + 2] == "\n" else 1
        content = line.strip()
        if not content:
            blank_run = paragraph >= 0
            pos = after
            continue
        if blank_run:
            block, blank_run = block + 1, False
        paragraph += 1
        first = content[0]
        if inner(line, 0, len(line.rstrip(_TAIL))) or ((first.isdigit() or "a" <= first <= "z") and list_start(line)):
            for start, end in _split_spans(line, code, rules, decided):
                out.append(Sentence(line[start:end], pos + start, pos + end, paragraph, block))
        else:
            start = pos + len(line) - len(line.lstrip()) if line[0].isspace() else pos
            out.append(Sentence(content, start, start + len(content), paragraph, block))
        pos = after
    return out


def segment_text(
    text: str, lang: str = "en", config: SegmentConfig | None = None, srx: SrxRules | None = None
) -> tuple[Sentence, ...]:
    """Cut ``text`` into sentences; ``text[s.start:s.end] == s.text`` for each sentence.

    ``srx`` (rules parsed by ``align.formats.srx.parse_srx``) replaces Punkt and the rule
    layer inside paragraphs, to cut as a CAT tool does; ``config.srx_lang`` picks the SRX
    language rules (default: ``lang``) and ``config.wrapped`` joins PDF-broken lines.
    """
    config = config or SegmentConfig(lang=lang)
    code = base(lang)
    splitter = SrxSegmenter(srx, config.srx_lang or code).split if srx is not None else None
    rules = rules_for(text) if splitter is None else None
    decided: dict[str, bool] = {}
    if splitter is None and not config.wrapped and not _SOFT_WRAP.search(text):
        return tuple(_line_sentences(text, code, rules, decided))
    sentences: list[Sentence] = []
    for chunk in chunks(text, wrapped=config.wrapped):
        line = text[chunk.start:chunk.end]
        spans = splitter(line) if splitter else split_line(line, code, rules, decided)
        for start, end in spans:
            a, b = chunk.start + start, chunk.start + end
            sentences.append(Sentence(text[a:b], a, b, chunk.paragraph, chunk.block))
    return tuple(sentences)
