"""Typography and layout checks a French reviewer expects (Xbench, Verifika, memoQ QA).

French spacing is judged against the document itself, not one house rule: a text that
writes ``Q : …`` with a no-break space and ``?`` after a narrow no-break space is
consistent; the one ``?`` after an ordinary space (which a line break may separate from
its word) is the fault. Each punctuation mark keeps its own convention, because French
printers commonly use U+00A0 before ``:`` and U+202F before ``; ! ?``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from align.terms.context import Context
from align.terms.registry import WARNING, Hit, check
from align.terms.text import fold

NBSP, NNBSP = "\u00a0", "\u202f"
_KIND = {" ": "ordinary space", NBSP: "no-break space", NNBSP: "narrow no-break space", "": "no space"}
_URLISH = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+|\S+@\S+\.\w+")
# A mark French spaces: ; : ! ? and the inside of « ». Not a colon between digits (10:30),
# not a mark after another mark (?! …), not a smiley.
_BEFORE = re.compile(r"([ \u00a0\u202f]?)([;:!?»])")
_AFTER = re.compile(r"(«)([ \u00a0\u202f]?)")
_MARK = re.compile(r"[;:!?»«]")  # what _BEFORE and _AFTER look for, tested at C speed first
_ENGLISH_QUOTES = re.compile(r"[“”]|(?<![\w])\"(?=\w)|(?<=[^\W\d_]|[.,!?])\"")
# Possessive: the repeated word is a whole run of letters and the space between a whole run
# of spaces (a shorter one would leave a letter before ``\\s`` or a space before the word), so
# nothing is given back on failure; the same matches, with no backtracking at every word.
_REPEAT = re.compile(r"(?<![\w'’-])([^\W\d_]++)(\s++)\1(?![\w'’-])", re.IGNORECASE)
_ALLOWED_REPEATS = frozenset({"nous", "vous", "very", "had", "that", "si", "très", "bye", "tout", "ha", "oh", "non",
                              "no", "yes", "oui"})
# Two spaces looked ahead for before the look-behind, which was otherwise tried at every
# position of every source and target (issue 15); the same matches.
_DOUBLE = re.compile(r"(?=[ \u00a0\u202f]{2})(?<=\S)[ \u00a0\u202f]{2,}(?=\S)")


def _maybe_double(text: str) -> bool:
    """Whether ``_DOUBLE`` can match: two of its spaces in a row, tested by substring first.

    Without a no-break space of either kind the only pair is two ordinary spaces (one
    C-level ``in``); with one, the pair is looked for by a pattern.
    """
    if "  " in text:
        return True
    return ("\u00a0" in text or "\u202f" in text) and _TWO_SPACES.search(text) is not None


_TWO_SPACES = re.compile(r"[ \u00a0\u202f]{2}")
# An apostrophe between letters: the apostrophe is tested first, the letter behind it after.
_APOSTROPHE = re.compile(r"(?=['’])(?<=[^\W\d_])(['’])(?= ?[^\W\d_])")


def _french(ctx: Context) -> bool:
    return ctx.target_lang.split("-")[0].lower() == "fr"


def _marks(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(mark, space kind before/inside it, start, end) of every mark French spaces."""
    if not _MARK.search(text):
        return  # most sentences hold none of these marks: no URL scan, no walk
    # What _URLISH needs to match at all; its third branch tries every word for an "@".
    urlish = "://" in text or "www." in text or "@" in text
    skip = [(m.start(), m.end()) for m in _URLISH.finditer(text)] if urlish else []
    for m in _BEFORE.finditer(text):
        space, mark = m.group(1), m.group(2)
        a = m.start(2)
        if any(s <= a < e for s, e in skip) or a == 0:
            continue
        prev = text[m.start() - 1] if m.start() > 0 else ""
        before = text[a - 1]
        if not space and (before in ";:!?.…»)*\"'’" or before.isspace()):
            continue  # ?!, …?, a quote or bracket closing: not a mark after a word
        if mark == ":" and before.isdigit() and text[m.end():m.end() + 1].isdigit():
            continue  # 10:30, 1:2
        if mark == ":" and text[m.end():m.end() + 2] == "//":
            continue
        if mark in ";:" and text[m.end():m.end() + 1] and text[m.end():m.end() + 1] in ")-(pPdD":
            continue  # ;) :-)
        if space and (m.start() == 0 or prev.isspace()):
            continue
        yield mark, _KIND[space], (m.start(1) if space else a), m.end()
    for m in _AFTER.finditer(text):
        if m.end() < len(text):
            yield "«", _KIND[m.group(2)], m.start(), m.end()


def _family(kind: str) -> str:
    return "no-break space" if kind in (_KIND[NBSP], _KIND[NNBSP]) else kind


@check(WARNING, bilingual=False, title="French spacing differs from the rest of the document", family="typography")
def fr_spacing(ctx: Context) -> Iterator[Hit]:
    """The space before ``; : ! ?`` or inside ``« »`` is not the one the document uses.

    Two levels, both read from the document. Whether a space is no-break: the majority
    over all its marks (a text that writes ``Q : …`` with no-break spaces everywhere has
    a fault where one ordinary space lets a line break fall before ``?``; a text written
    with ordinary spaces throughout is consistent, and only a mark glued to its word is
    reported). Which no-break space: the majority for that mark (U+00A0 before ``:``
    and U+202F before ``?`` may both be the rule), ties not reported.
    """
    if not _french(ctx):
        return
    ahead = ctx.facts.marks if ctx.facts else {}
    seen = [(k, m) for k, seg in enumerate(ctx.segments)
            for m in (ahead[seg.unit.target] if seg.unit.target in ahead else _marks(seg.unit.target))]
    families = Counter(_family(kind) for _, (_, kind, _, _) in seen)
    if not families:
        return
    (doc, n_doc), *others = families.most_common()
    if others and others[0][1] == n_doc:
        return  # no convention to break
    per_mark: dict[str, Counter[str]] = {}
    for _, (mark, kind, _, _) in seen:
        if _family(kind) == "no-break space":
            per_mark.setdefault(mark, Counter())[kind] += 1
    total = families.total()
    for k, (mark, kind, a, b) in seen:
        shown = f"{kind} inside « »" if mark in "«»" else f"{kind} before {mark}"
        mark = "« »" if mark in "«»" else mark
        if doc == "no-break space" and _family(kind) != doc:
            expected = f"no-break space ({n_doc} of {total} marks in this document)"
        elif doc == _KIND[" "] and kind == _KIND[""]:
            expected = f"a space ({n_doc} of {total} marks in this document)"
        elif doc == "no-break space" and len(per_mark.get(mark, ())) > 1:
            (major, n), (_, n2) = per_mark[mark].most_common(2)
            if kind == major or n == n2:
                continue
            expected = f"{major} ({n} of {per_mark[mark].total()} in this document)"
        else:
            continue
        yield Hit(k, mark, shown, expected, f"{shown}; the document uses a {expected}", target_span=(a, b))


@check(WARNING, bilingual=False, title="English quotation marks in a French text", family="typography")
def fr_quotes(ctx: Context) -> Iterator[Hit]:
    """Straight ``"…"`` or English ``“…”`` quotes where French uses ``« … »``.

    English quotes inside French guillemets are the second-level quotes of French
    typography and are not reported.
    """
    if not _french(ctx):
        return
    for k, seg in enumerate(ctx.segments):
        text = seg.unit.target
        if '"' not in text and "“" not in text and "”" not in text:
            continue  # no quotation mark to judge: the character walk below finds nothing
        depth = 0
        spans = []
        for i, c in enumerate(text):
            if c == "«":
                depth += 1
            elif c == "»":
                depth = max(0, depth - 1)
            elif depth == 0 and c in "“”\"" and _ENGLISH_QUOTES.match(text, i):
                spans.append(i)
        if spans:
            a, b = spans[0], (spans[1] + 1 if len(spans) > 1 else spans[0] + 1)
            kind = "“…”" if text[a] in "“”" else '"…"'  # the kind, so identical findings group
            yield Hit(k, "", kind, "« … »", f"English quotation marks ({text[a:b]}); French uses « … »",
                      target_span=(a, b))


@check(WARNING, bilingual=False, title="Two kinds of apostrophe in the document", family="typography")
def mixed_apostrophes(ctx: Context) -> Iterator[Hit]:
    """Straight ``'`` and curly ``’`` apostrophes mixed in one document (the rarer is reported)."""
    finditer = _APOSTROPHE.finditer
    uses = [(k, m.start(), m.group(1)) for k, seg in enumerate(ctx.segments)
            if "'" in seg.unit.target or "’" in seg.unit.target for m in finditer(seg.unit.target)]
    counts = Counter(a for _, _, a in uses)
    if len(counts) < 2:
        return
    (major, n), (minor, m) = counts.most_common(2)
    if n == m:
        return
    for k, i, a in uses:
        if a == minor:
            yield Hit(k, "", a, major, f"apostrophe {a!r} here; the document uses {major!r} ({n} of {n + m})",
                      target_span=(i, i + 1))


@check(WARNING, bilingual=False, title="Word repeated", family="typography")
def repeated_word(ctx: Context) -> Iterator[Hit]:
    """The same word twice in a row (``le le``), unless French grammar repeats it (``nous nous``)."""
    allowed = {fold(w) for w in _ALLOWED_REPEATS}
    may_repeat = ctx.facts.repeats.get if ctx.facts else {}.get
    for k, seg in enumerate(ctx.segments):
        if may_repeat(seg.unit.target) is False:
            continue  # a sentence known to repeat no word
        source = None  # folded only when the target repeats a word (rarely)
        for m in _REPEAT.finditer(seg.unit.target):
            word = m.group(1)
            source = fold(seg.unit.source) if source is None else source
            if fold(word) in allowed or f"{fold(word)} {fold(word)}" in source:
                continue
            yield Hit(k, "", m.group(), word, f"“{word}” twice in a row", target_span=(m.start(), m.end()))


@check(WARNING, bilingual=False, title="Double space", family="layout")
def double_space(ctx: Context) -> Iterator[Hit]:
    """Two spaces or more between words of the translation (not in the source at that point)."""
    for k, seg in enumerate(ctx.segments):
        if not _maybe_double(seg.unit.target):
            continue  # no two spaces in a row: nothing to report
        if seg.bilingual and _maybe_double(seg.unit.source) and _DOUBLE.search(seg.unit.source):
            continue  # the source is laid out with spaces (a table, a poem): not the translator's
        for m in _DOUBLE.finditer(seg.unit.target):
            yield Hit(k, "", m.group(), " ", f"{len(m.group())} spaces in a row", target_span=(m.start(), m.end()))


def _edges(text: str) -> tuple[bool, bool]:
    return (text[:1].isspace(), text[-1:].isspace()) if text else (False, False)


@check(WARNING, title="Leading or trailing space differs from the source", family="layout")
def edge_whitespace(ctx: Context) -> Iterator[Hit]:
    """The source starts (or ends) with a space and the translation does not, or the reverse."""
    for k, seg in enumerate(ctx.segments):
        if not seg.bilingual or not seg.unit.target:
            continue
        s, t = _edges(seg.unit.source), _edges(seg.unit.target)
        for side, label in ((0, "leading"), (1, "trailing")):
            if s[side] != t[side]:
                where = (0, 1) if side == 0 else (len(seg.unit.target) - 1, len(seg.unit.target))
                yield Hit(k, "", f"{label} space {'added' if t[side] else 'dropped'}",
                          f"{label} space as in the source" if s[side] else f"no {label} space",
                          f"{label} whitespace: source {'has' if s[side] else 'has none'}, "
                          f"translation {'has' if t[side] else 'has none'}", target_span=where)
