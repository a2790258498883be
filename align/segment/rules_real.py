"""SPLIT rules for real text (web pages, e-mails, reviews), measured on UD English-EWT train.

Like every rule, they run on lines that hold a stop or bullet before their final mark: a
line without one is one sentence (``split_line``'s fast path), so a heading or a greeting
on a line of its own is never cut by the rules for unpunctuated ends.

Each rule was kept because, on the UD train documents used for learning (not the held-out
ones, not the dev sets), the boundary it adds is right far more often than wrong (figures
in docs/segmentation.md); each docstring gives the example its test uses. Registered
through ``align.segment.rules.rule``, after the other SPLIT rules and before PROTECT.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from align.segment.punkt import abbreviations, learned, load_list
from align.segment.rules import PROTECT, SPLIT, rule
from align.segment.rules_protect import URL, URL_NEEDS


@cache
def _abbreviations() -> frozenset[str]:
    """Both languages' abbreviations: a text in one language quotes the other's."""
    found = set(abbreviations("en")) | abbreviations("fr")
    for lang in ("en", "fr"):
        found.update(learned(lang).get("abbrev_types", ()))
    return frozenset(found)


# A stop, then spaces, then a lower-case letter; one pattern per stop so that each starts
# with a literal (found by a fast scan).
_LOWER_AFTER = tuple((stop, re.compile(re.escape(stop) + r"(?=[ \t\u00a0]+[a-zß-öø-ÿ])")) for stop in ".?!")
# French inversion after a question or exclamation is an incise, not a new sentence.
_INCISE = re.compile(r"[ \t\u00a0]+[^\W\d_]+-(?:t-)?(?:il|elle|on|ils|elles|je|tu|nous|vous)\b")


def _word_before(line: str, i: int) -> str:
    j = i
    while j > 0 and line[j - 1].isalpha():
        j -= 1
    if j > 0 and (line[j - 1].isalnum() or line[j - 1] in ".'’-_/@"):
        return ""  # part of a longer token (``e.g``, ``l’info``, ``file_name``): not a plain word
    return line[j:i]


@rule(SPLIT, needs=".?!")
def lower_case_sentence_start(line: str) -> Iterator[int]:
    """Web text often starts a sentence in lower case: ``a heat lamp. as far as i know`` is two.

    Only after a plain word that is no abbreviation of either language (lower case, 2
    letters or more; before ``.`` also a capitalised word of 5 letters or more, ``in Houston.
    looks fine``; before ``!`` also one in capitals; before ``?`` any word) and with nothing
    but spaces before the next word, so that ``Inc. a été``, ``etc. are``, ``Yahoo! in``,
    ``« Non. » et``, ``e.g. this`` and ``Vraiment? demanda-t-il`` go on (on EWT train: 195
    right, 8 wrong after a lower-case word and ``.``; 5 / 1 after a capitalised one; 94 / 1
    after ``?``/``!``).
    """
    abbrevs = _abbreviations()
    for stop, pattern in _LOWER_AFTER:
        if stop not in line:
            continue
        for m in pattern.finditer(line):
            i = m.start()
            if stop == "?":  # after any word, digit or bracket (``sure? she asks`` is rare)
                if i == 0 or not (line[i - 1].isalnum() or line[i - 1] == ")") or _INCISE.match(line, i + 1):
                    continue
                yield i + 1
                continue
            word = _word_before(line, i)
            plain = word.islower() or (stop == "!" and word.isupper()) or (stop == "." and len(word) >= 5
                                                                          and word.istitle())
            if len(word) < 2 or not plain or word.lower() in abbrevs:
                continue
            if stop == "!" and _INCISE.match(line, i + 1):
                continue
            yield i + 1


@rule(SPLIT, needs=URL_NEEDS)
def url_ends_sentence(line: str) -> Iterator[int]:
    """A URL followed by a capitalised word or another URL ends a line of its own:
    ``see http://example.com/a.html Then go`` and ``http://a.org/x http://b.org/y`` are two.

    Web text lists links with no punctuation; inside a sentence a URL is followed by lower
    case or punctuation (on EWT train: 72 right, 6 wrong).
    """
    for m in URL.finditer(line):
        end = m.end()
        if end >= len(line) or not line[end].isspace():
            continue
        rest = line[end:].lstrip()
        if rest[:1].isupper() or rest[:4].lower() in ("http", "www."):
            yield end


_DASH_RUN = re.compile(r"-{4,}(?=[ \t\u00a0]+[A-ZÀ-Ý])")


@rule(SPLIT, needs=("----",))
def separator_line(line: str) -> Iterator[int]:
    """A run of four or more hyphens (a separator pasted into e-mails and forum posts) ends
    what comes before it: ``a helpful technique ---------- If you consider`` is two, the
    hyphens with the first. On EWT train: 16 right, 0 wrong.
    """
    for m in _DASH_RUN.finditer(line):
        yield m.end()


_STOP_THEN_URL = re.compile(r"[.?!…][\"'”’)\]]*(?=[ \t\u00a0]+(?:(?:https?|ftp)://|www\.))", re.IGNORECASE)


@rule(SPLIT, needs=URL_NEEDS)
def url_after_stop(line: str) -> Iterator[int]:
    """A URL after a final stop starts the next sentence: ``what officials say... http://www.example.com/news``
    is two (links pasted after a sentence, in web text). ``lower_case_continuation`` keeps
    them together, since ``h`` is lower case; a full stop after an abbreviation or a single
    letter is no final stop (``see e.g. http://…``). On EWT train: 8 right, 0 wrong.
    """
    abbrevs = _abbreviations()
    for m in _STOP_THEN_URL.finditer(line):
        i = m.start()
        if line[i] == "." and line[i - 1:i] != ".":
            token = line[line.rfind(" ", 0, i) + 1:i].lower().lstrip("(\"'“‘")
            if len(token) < 2 or token in abbrevs:
                continue
        yield m.end()


_MARK_RUN_LOWER = re.compile(r"[?!]{2,}(?=[ \t\u00a0]+[a-zß-öø-ÿ])")


@rule(SPLIT, needs=("??", "!!", "?!", "!?"))
def mark_run_then_lower_case(line: str) -> Iterator[int]:
    """A run of question or exclamation marks ends a sentence even before a lower-case word:
    ``and bridges??? i find that hard`` and ``she will FREAK OUT!!! would it help`` are two
    (``lower_case_sentence_start`` only looks after a word). A French incise goes on
    (``Vraiment ?! demanda-t-il``). On EWT train: 13 right, 0 wrong.
    """
    for m in _MARK_RUN_LOWER.finditer(line):
        if not _INCISE.match(line, m.end()):
            yield m.end()


_ELLIPSIS_END = re.compile(r"(?:\.{2,}|…)(?=[ \t\u00a0]+[A-ZÀ-Ý])")


@rule(SPLIT, needs=("..", "…"))
def ellipsis_then_capital(line: str) -> Iterator[int]:
    """An ellipsis glued to its word, then a capitalised word, ends a sentence:
    ``They stopped the treatments.... Remember the old shoes.`` (also two dots: ``your
    Prince charming.. Edit``).

    Punkt keeps some of these whole (it weighs the next word's case as after an
    abbreviation). A spaced ellipsis (``the thing is . . . I didn’t``) is an omission and
    stays (``omission_ellipsis``); on EWT train this rule is right 85 times, wrong 7 (two
    dots: 5 / 0).
    """
    for m in _ELLIPSIS_END.finditer(line):
        start = m.start()
        if start > 0 and not line[start - 1].isspace() and line[start - 1] != ".":
            yield m.end()


# Only before a word that opens French sentences and is no name (``data/starters_fr.txt``,
# words seen capitalised at a sentence start and in lower case elsewhere): after ``;`` a
# capital is otherwise a name (``assortie ; M. Weston``, ``Mabel ; Alice``).
_SPACED_SEMICOLON = re.compile(r";(?<=[ \u00a0\u202f];)[ \t\u00a0]+(?P<word>[A-ZÀ-Ý][^\s,;:.!?]*)")


@cache
def _french_openers() -> frozenset[str]:
    return frozenset(w.replace("'", "’") for w in load_list("starters_fr.txt"))


@rule(SPLIT, needs=";")
def spaced_semicolon_then_capital(line: str) -> Iterator[int]:
    """In French typography (a space before ``;``), a capitalised word that opens French
    sentences (``Nous``, ``À``, ``C’est``…) after ``;`` starts a new one: list items and
    clauses written as sentences, ``la virginité ; À l’aide de leurs résultats, ils…``.
    A name after ``;`` goes on (``assortie ; M. Weston``), and an English ``;`` is never an
    end (on UD French checks: 9 right, 0 wrong; on EWT train: 0 right, 12 wrong).
    """
    openers = _french_openers()
    for m in _SPACED_SEMICOLON.finditer(line):
        word = m.group("word").lower().replace("'", "’")
        if word in openers or word.split("’")[0] + "’" in openers:
            yield m.start() + 1


_TITLE_CASE_NEXT = re.compile(r"[ \t]+[A-Z][a-z]")
_GREETINGS = frozenset({"Hi", "Hello", "Hey", "Dear", "Thanks", "Regards", "Sent", "Contact", "Bonjour", "Merci"})


@cache
def _starters() -> re.Pattern:
    """The words, longest first, each followed by a space, a tab or a comma. The pattern
    starts with the words (their first letters are found by a fast scan); the spaces before
    a word and the lower-case letter or digit before them are checked after a match."""
    words = sorted(load_list("starters_unpunctuated.txt"), key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace("’", "[’']") for w in words)
    return re.compile(rf"({alternatives})(?=[ \t,])")


_LOWER_OR_DIGIT = frozenset("abcdefghijklmnopqrstuvwxyz0123456789" + "".join(map(chr, range(0xDF, 0xF7)))
                            + "".join(map(chr, range(0xF8, 0x100))))  # [a-zß-öø-ÿ0-9]


@rule(SPLIT)
def starter_after_unpunctuated_end(line: str) -> Iterator[int]:
    """Web text ends many sentences with no punctuation (a title, a greeting, a signature);
    a word that is only capitalised when it starts a sentence, right after a lower-case
    word, starts one: ``Thanks for the help Please call me`` and ``un excellent travail
    Ils sont sur Cherbourg``. The words (``data/starters_unpunctuated.txt``) are those
    right far more often than wrong in that place on EWT train and the French checks.
    """
    for m in _starters().finditer(line):
        start = end = m.start()
        while start > 0 and line[start - 1] in " \t":
            start -= 1
        if start == end or start == 0 or line[start - 1] not in _LOWER_OR_DIGIT:
            continue  # not after spaces after a lower-case word
        # ``and What Else Befell``: a title; but a greeting is followed by a name (``Hi Mary``)
        if m.group(1) in _GREETINGS or not _TITLE_CASE_NEXT.match(line, m.end()):
            yield start


_ITEM_AFTER_STOP = re.compile(r"\d(?<=[.?!:] \d)\d?\.(?= [^\W\d_])")  # ``(?<=[.?!:] )\d{1,2}\.``


@rule(PROTECT, needs="0123456789")
def numbered_item_after_stop(line: str) -> Iterator[tuple[int, int]]:
    """A number and a period after a sentence end open the next item, they are no sentence:
    ``I think we have to reference it. 2. The attachment is missing.`` is two sentences, the
    second starting with ``2.`` (``list_marker`` only sees markers that start the line).
    """
    for m in _ITEM_AFTER_STOP.finditer(line):
        yield m.start(), m.end() + 1


_EMOTICON_END = re.compile(r"[:;=](?<=\s[:;=])-?[)(DPp](?=[ \t]+[A-Z])")  # ``(?<=\s)[:;=]…``


@rule(SPLIT, needs=":;=")
def emoticon_ends_sentence(line: str) -> Iterator[int]:
    """An emoticon before a capitalised word ends the sentence it closes:
    ``Thanks for the tip :) The rest was easy. Bye.`` (on EWT train: 22 right, 6 wrong).
    """
    for m in _EMOTICON_END.finditer(line):
        yield m.end()
