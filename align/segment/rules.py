"""The rule layer: what Punkt (Kiss & Strunk 2006) misses, one named rule at a time.

Punkt proposes sentence ends inside one line (paragraph). Rules then act on the set of
boundary positions, never on the text (pySBD's placeholder substitution is what makes it
slow and lose offsets). A boundary ``p`` means "a sentence ends at ``p``": the previous
sentence is ``line[prev:p]`` and the next one starts at the first non-space after ``p``.

Four kinds of rules, applied in this order (see ``apply_rules``):

* ``SHIFT``: move a boundary past what belongs to the sentence before it (closing quotes
  and brackets, footnote marks): ``« Non. » Puis`` ends after ``»``.
* ``CONTINUE``: drop one of Punkt's boundaries when the text goes on (a lower-case word
  after ``Inc.``, ``?`` or ``!``).
* ``SPLIT``: add a boundary Punkt cannot see (``world.Today``, ``1. a 2. b``, ``。``).
* ``PROTECT``: spans no boundary may fall inside, whoever proposed it (URLs, e-mails, file
  names, numbers, initials, ellipses used as omission marks).

Every rule's docstring gives the example its test in ``tests/test_segment_rules.py`` uses;
``align.segment.boundaries`` applies them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

SHIFT, CONTINUE, SPLIT, PROTECT = "shift", "continue", "split", "protect"

CLOSERS = "»”’\"')]}】》」』›"
FOOTNOTE = r"(?:【\d{1,4}】|\[\d{1,4}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)"
SPACE = " \t\r\n\u00a0\u202f\u2009\u2007\u3000"
STOPS = ".?!…‽。！？"


@dataclass(frozen=True)
class Rule:
    """A named rule: its kind, what it does (the docstring) and the function that does it."""

    name: str
    kind: str
    func: Callable
    needs: tuple[str, ...] = ()  # the rule can only fire on a line holding one of these strings
    # PROTECT only: whether a protected span can hold whitespace. One that cannot never
    # vetoes a boundary followed by a space, the usual kind (see ``boundaries``).
    spans_space: bool = True

    def applies(self, line: str) -> bool:
        # ``in`` on a str is a C scan: cheaper than a character-class regex (and a plain
        # loop is cheaper than ``any`` over so few items).
        for needed in self.needs:
            if needed in line:
                return True
        return not self.needs

    @property
    def doc(self) -> str:
        return (self.func.__doc__ or "").strip()


RULES: list[Rule] = []


def rule(kind: str, needs: str | tuple[str, ...] = "", spans_space: bool = True) -> Callable[[Callable], Callable]:
    """Register a rule under its function name (``spans_space``: see ``Rule``). ``needs``, a
    cheap gate: a string of characters or a tuple of strings, one of which the line must hold."""

    def register(func: Callable) -> Callable:
        gate = tuple(needs) if isinstance(needs, str) else needs
        RULES.append(Rule(func.__name__, kind, func, gate, spans_space))
        return func

    return register


def next_char(line: str, p: int) -> str:
    """The first character after ``p`` that is neither space nor a closing mark ('' at the end)."""
    n = len(line)
    while p < n and (line[p] in SPACE or line[p] in CLOSERS):
        p += 1
    return line[p] if p < n else ""


# --- SHIFT ------------------------------------------------------------------------------

_CLOSE_AFTER = re.compile(rf"(?:[{SPACE}]*[»”›)\]}}】》」』]|[\"'’]|{FOOTNOTE})+")


@rule(SHIFT)
def closing_marks_after_stop(line: str, p: int) -> int:
    """Closing quotes, brackets and footnote marks after the stop belong to that sentence.

    ``Elle dit « Non. » Puis elle part.`` ends after ``»``; ``… in 2020.[1] Then`` after
    ``[1]``; ``… la bourse.【1】 Les …`` after ``【1】``. Straight quotes when they touch
    the stop, or after a space when they close a quotation opened earlier in the line (an
    odd count before them): ``" Qu’ils le fassent savoir. " Elle se remarie.``
    """
    m = _CLOSE_AFTER.match(line, p)
    end = m.end() if m else p
    spaced = _SPACED_STRAIGHT.match(line, end)
    if spaced and line.count('"', 0, spaced.end() - 1) % 2 == 1:
        return spaced.end()
    return end


_SPACED_STRAIGHT = re.compile(rf'[{SPACE}]+"(?=[{SPACE}]|$)')


OPENERS = "«“‘„‹([{¿¡"


@rule(SHIFT)
def opening_marks_after_break(line: str, p: int) -> int:
    """An opening quote or bracket after the break belongs to the next sentence.

    Punkt ends ``Il est parti. « Oui, dit-il. »`` after ``«``; the break goes back before it.
    A straight quote counts as opening only after a space and when it opens (an even count
    before it): ``it is "criminal." The`` keeps its closing quote.
    """
    k, seen = p, False
    while k > 0:
        c = line[k - 1]
        if c in SPACE:
            k -= 1
        elif c in OPENERS or (c == '"' and k >= 2 and line[k - 2] in SPACE and line.count('"', 0, k - 1) % 2 == 0):
            seen, k = True, k - 1
        else:
            break
    return k if seen and k > 0 else p


# --- CONTINUE ---------------------------------------------------------------------------


@rule(CONTINUE)
def lower_case_continuation(line: str, p: int) -> bool:
    """No sentence starts with a lower-case letter: the text after ``p`` goes on.

    Covers an abbreviation Punkt does not know (``Veltrane Inc. a été immatriculée``,
    ``Intercept Ltd. sont ici``), ``?``/``!`` inside a sentence (``Yahoo! in the
    accounting department``, ``« Vraiment ? » demanda-t-il``) and a stop inside quotes or
    brackets (``'This is great.' she said``, ``(… an engineer.) at the University``).
    """
    c = next_char(line, p)
    return c.islower()


_ELLIPSIS_OPENS = re.compile(r"[ \t\u00a0]+\.{3,} ?[^\W\d_]")


@rule(CONTINUE)
def no_sentence_starts_with_punctuation(line: str, p: int) -> bool:
    """A sentence does not start with ``. , ; : % ! ?``: the dots of a spaced ellipsis stay
    together, and so do runs of marks (``in business!!!``, ``really ? ? ?``). An unspaced
    ellipsis after a full stop may open a sentence when a word follows it (``…to this day.
    ...a drop in the birth rate``).

    ``… with a period . . . . Next sentence.`` ends after the fourth dot only, and
    ``less complex. . . .”`` is one sentence. (``four_dot_ellipsis`` splits before the dots
    of an MLA four-dot ellipsis, which this rule cannot veto: it only drops Punkt's proposals.)
    """
    c = next_char(line, p)
    if c == "." and line[p - 1:p] == "." and _ELLIPSIS_OPENS.match(line, p):
        return False  # ``…this day. ...a drop in the birth rate``: an ellipsis opens the sentence
    return c != "" and c in ".,;:%!?"


# --- SPLIT ------------------------------------------------------------------------------

# ``[.?!](?=[^\W\d_][^\W\d_])``, one pattern per stop: a pattern that starts with a literal
# is searched with a fast scan, one that starts with a class is tried at each position.
_MISSING_SPACE = tuple((stop, re.compile(re.escape(stop) + r"(?=[^\W\d_][^\W\d_])")) for stop in ".?!")


def _word_before(line: str, i: int) -> bool:
    """Two letters or a digit right before position ``i``."""
    if i >= 1 and line[i - 1].isdigit():
        return True
    return i >= 2 and line[i - 1].isalpha() and line[i - 2].isalpha()


# The last line ``missing_space_after_stop`` answered (the line itself, so that it stays
# alive and its identity cannot be reused): Punkt's view and the split rules ask about the
# same line one after the other (``align.segment._punkt_view``, then ``apply_rules``).
_LAST_GLUED: tuple[str, tuple[int, ...]] = ("", ())


@rule(SPLIT, needs=".?!")
def missing_space_after_stop(line: str) -> Iterator[int]:
    """A stop glued to a capitalised word ends a sentence: ``Hello world.Today is Tuesday.``

    Both letters must be cased correctly (``world.Today``, ``1,000.That``); URLs, e-mails
    and file names (``Jane.Doe@example.com``) are protected by their own rules.
    """
    global _LAST_GLUED
    last = _LAST_GLUED
    if last[0] is line:
        return iter(last[1])
    glued = tuple(_glued(line))
    _LAST_GLUED = (line, glued)
    return iter(glued)


def _glued(line: str) -> Iterator[int]:
    found = [m.start() for stop, pattern in _MISSING_SPACE if stop in line for m in pattern.finditer(line)]
    for i in sorted(found):
        if not _word_before(line, i) or line[i - 1].isupper():
            continue
        if line[i + 1].isupper() and line[i + 2].islower():
            yield i + 1


_CJK_STOP = re.compile(r"[。！？]+(?=[^。！？」』）】》\s])")


@rule(SPLIT, needs="。！？")
def cjk_full_stop(line: str) -> Iterator[int]:
    """The ideographic full stop ends a sentence without a space: ``好的。我们开始吧。``

    CJK characters inline in French or English (``DeepSeek (深度求索 en chinois)``) do not
    end anything: only ``。！？`` do.
    """
    for m in _CJK_STOP.finditer(line):
        yield m.end()


_FOOTNOTE_END = re.compile(rf"[.?!…]{FOOTNOTE}+(?=[{SPACE}]+\S)")


@rule(SPLIT, needs="【[¹²³⁴⁵⁶⁷⁸⁹⁰")
def footnote_after_stop(line: str) -> Iterator[int]:
    """A footnote mark after the final stop ends the sentence after the mark.

    ``… une introduction en bourse.【1】 Les startups …`` and ``… in 1999.¹ Then …``: Punkt
    sees no space after the stop, so it proposes nothing there.
    """
    for m in _FOOTNOTE_END.finditer(line):
        if next_char(line, m.end()).isupper():
            yield m.end()


# ``(?<=[SPACE])[?!]+(?=…)``, written to start with the mark (found by a fast scan; the
# lookbehind then checks the space before it), as the other patterns of this layer.
_SPACED_MARK = re.compile(rf"[?!](?<=[{SPACE}][?!])[?!]*(?=[{SPACE}]+[«“\"—–-]?[{SPACE}]*[^\W\d_])")


@rule(SPLIT, needs="?!")
def french_spaced_question_exclamation(line: str) -> Iterator[int]:
    """French typography puts a (narrow) no-break space before ``? !``: ``Pourquoi ? Parce que.``

    The mark ends the sentence when a capitalised word follows, even after an abbreviation
    (``C’est aux É.-U. ? Oui.``); ``:`` and ``;`` never do (``Q : Veltrane Inc. …``).
    """
    for m in _SPACED_MARK.finditer(line):
        if next_char(line, m.end()).isupper():
            yield m.end()


_DIALOGUE = re.compile(rf"[.?!…»][{SPACE}]+(?=[—–][{SPACE}]+[^\W\d_])")


@rule(SPLIT, needs="—–")
def dialogue_dash(line: str) -> Iterator[int]:
    """An em dash after a stop opens the next speaker's turn: ``Vous partez ? — Oui, demain.``

    A dash inside a sentence (``Liang Wenfeng—réalisée peu après—ce dialogue``) ends nothing.
    """
    for m in _DIALOGUE.finditer(line):
        yield m.start() + 1


_FINAL_ABBREV = re.compile(rf"(?:\b(?:av|apr)\.[{SPACE}]?J\.-C\.|\betc\.)(?=[)\]»”’\"]*[{SPACE}]+[^\W\d_])")


@rule(SPLIT, needs=("etc.", "J.-C."))
def final_abbreviation(line: str) -> Iterator[int]:
    """``av. J.-C.`` and ``etc.`` close their phrase: a capitalised word after them starts a sentence.

    ``César mourut en 44 av. J.-C. Auguste lui succéda.`` (also behind a closing bracket:
    ``(Cubains, etc.) C’est``): Punkt keeps an abbreviation
    before a name it has never seen in lower case (its orthographic heuristic says
    "unknown"); these two abbreviations are never followed by a name in the same sentence.
    """
    for m in _FINAL_ABBREV.finditer(line):
        if next_char(line, m.end()).isupper():
            yield m.end()


LIST_MARKER = re.compile(r"(?:(?<=\s)|^)(?P<bullet>[•⁃◦▪‣][ \t]?)?(?P<label>\d{1,3}|[a-z])(?P<punct>\.\)|\.|\))(?=\s)")


LIST_BULLETS = "•⁃◦▪‣"


def first_list_marker(line: str) -> re.Match | None:
    """The list marker that starts ``line`` (after spaces), if any. Most lines start with
    a capital letter, which no marker does: they are answered without the regex."""
    start = 0 if line[:1] and not line[0].isspace() else len(line) - len(line.lstrip())
    c = line[start:start + 1]
    if not c or not (c in LIST_BULLETS or c.isdigit() or "a" <= c <= "z"):
        return None
    return LIST_MARKER.match(line, start)


def enumeration_markers(line: str) -> list[re.Match]:
    """The markers of an inline list ``1. … 2. …``/``a) … b) …``: a chain from the start."""
    first = first_list_marker(line)
    if not first:
        return []
    chain = [first]
    for m in LIST_MARKER.finditer(line, first.end()):
        if _follows(chain[-1], m):
            chain.append(m)
    return chain if len(chain) > 1 else []


def _follows(prev: re.Match, cur: re.Match) -> bool:
    a, b = prev.group("label"), cur.group("label")
    if prev.group("punct") != cur.group("punct"):
        return False
    if a.isdigit() and b.isdigit():
        return int(b) == int(a) + 1
    return not a.isdigit() and not b.isdigit() and ord(b) == ord(a) + 1


@rule(SPLIT)
def inline_enumeration(line: str) -> Iterator[int]:
    """Items of a list written on one line are sentences: ``1.) The first item 2.) The second item``.

    Only a chain that starts the line and counts up (``1. 2. 3.``, ``a. b. c.``, ``9. 10.``)
    counts, so that ``He had 2. Then 3.`` in prose is left to Punkt.
    """
    for m in enumeration_markers(line)[1:]:
        yield m.start()


_BULLET = re.compile(r"(?<=\s)[•⁃◦▪‣](?=[ \t]?\S)")


@rule(SPLIT, needs=LIST_BULLETS)
def inline_bullet(line: str) -> Iterator[int]:
    """A bullet inside a line starts a new item: ``• 9. The first item • 10. The second item``."""
    for m in _BULLET.finditer(line):
        yield m.start()


_FOUR_DOTS = re.compile(r"(?<=\w)\.(?=(?: \.){3}\s+[^\W\d_])")


@rule(SPLIT, needs=(". . . .",))
def four_dot_ellipsis(line: str) -> Iterator[int]:
    """A period followed by a spaced ellipsis ends the sentence before the ellipsis (MLA).

    ``… into self-interpreting compounds. . . . The practice was not abandoned.`` → the
    second sentence starts with ``. . .`` (words omitted at its start).
    """
    for m in _FOUR_DOTS.finditer(line):
        if next_char(line, m.end() + 6).isupper():
            yield m.end()


# The PROTECT rules and the SPLIT rules for real (web) text live in their own modules.
from align.segment import rules_protect, rules_real  # noqa: E402, F401
