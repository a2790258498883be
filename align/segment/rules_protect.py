"""PROTECT rules: spans no sentence boundary may fall inside, whoever proposed it.

URLs, e-mails, file names, numbers, initials and omission ellipses; each rule's docstring
gives the example its test uses. Registered through ``align.segment.rules.rule``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from align.segment.rules import LIST_BULLETS, LIST_MARKER, PROTECT, enumeration_markers, first_list_marker, rule

# --- PROTECT ----------------------------------------------------------------------------

URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>«»\"“”]+", re.IGNORECASE)
# What a URL match needs: ``://`` (so ``/``), or ``www.`` in any case (``w`` folds to ``W``
# only, so ``w.`` or ``W.``).
URL_NEEDS = ("/", "w.", "W.")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EXT = (
    "txt|md|rst|py|json|csv|tsv|xml|tmx|srx|tbx|xliff|html?|pdf|docx?|odt|xlsx?|pptx?|zip|gz"
    "|png|jpe?g|svg|yaml|yml|toml|cfg|ini|sh|exe|js|ts|java|rs|go|cpp"
)
_FILE_EXT = re.compile(rf"\.(?:{_EXT})\b", re.IGNORECASE)
_FILE_STEM = re.compile(r"[\w.-]*\w$")
_TRAILING = ".,;:!?)]}’'\"»”"


def _trimmed(matches: Iterable[re.Match]) -> Iterator[tuple[int, int]]:
    for m in matches:
        text = m.group()
        yield m.start(), m.start() + len(text.rstrip(_TRAILING))


@rule(PROTECT, needs=URL_NEEDS, spans_space=False)
def urls(line: str) -> Iterator[tuple[int, int]]:
    """No boundary inside a URL: ``The site is: https://www.example.50.com/new-site/awesome_content.html. Please``.

    The final period after the URL is outside the protected span, so it still ends the sentence.
    """
    return _trimmed(URL.finditer(line))


@rule(PROTECT, needs="@", spans_space=False)
def emails(line: str) -> Iterator[tuple[int, int]]:
    """No boundary inside an e-mail address: ``Her email is Jane.Doe@example.com. I sent her an email.``"""
    return _trimmed(_EMAIL.finditer(line))


@rule(PROTECT, spans_space=False)
def file_names(line: str) -> Iterator[tuple[int, int]]:
    """No boundary inside a file name: ``Ouvrez Rapport.Final.docx puis README.md.``

    Found from the extension backwards (a left-to-right pattern would try every word).
    """
    for m in _FILE_EXT.finditer(line):
        stem = _FILE_STEM.search(line, max(0, m.start() - 200), m.start())
        if stem:
            yield stem.start(), m.end()


_NUMBER = re.compile(r"\d(?:[.,:/]\d+)+")


@rule(PROTECT, needs="0123456789", spans_space=False)
def numbers(line: str) -> Iterator[tuple[int, int]]:
    """No boundary inside a number: ``3.5``, ``1 000,50``, ``1/30e``, ``27.01.2025``, ``$100.00``.

    (Spaces inside French numbers, ``2 000``, and ordinals ``1er``, ``XIXe s.`` never carry a
    stop Punkt would take; their tests guard that.)
    """
    return ((m.start(), m.end()) for m in _NUMBER.finditer(line))


# Same as ``[A-Z]\.[- \u00a0]``, written to start with the literal ``.``, which the regex
# engine finds with a fast scan (seven times faster than trying a class at each position).
_INITIAL = re.compile(r"\.(?<=[A-Z]\.)[- \u00a0]")
# Both alternatives start with the capital (found by a fast scan), the lookbehinds that
# would start them moved after it: ``(?<![^\W\d_])(?:[A-Z]\.(?:-[A-Z]\.)?[ \u00a0]+){2,}``
# and ``(?<!av\. )(?<!apr\. )\b[A-Z]\.-[A-Z]\.[ \u00a0]+``, each before ``(?=[A-Z][a-z])``.
_INITIALS = re.compile(
    r"[A-Z](?:(?<![^\W\d_][A-Z])\.(?:-[A-Z]\.)?[ \u00a0]+(?:[A-Z]\.(?:-[A-Z]\.)?[ \u00a0]+)+(?=[A-Z][a-z])"  # J. R. R.
    r"|(?<!av\. [A-Z])(?<!apr\. [A-Z])(?<!\w[A-Z])\.-[A-Z]\.[ \u00a0]+(?=[A-Z][a-z]))"  # J.-P. Sartre, not av. J.-C.
)


@rule(PROTECT)
def initials(line: str) -> Iterator[tuple[int, int]]:
    """A run of initials before a name is not a sentence end: ``J. M. G. Le Clézio``, ``J.-M. Le Pen``."""
    if not _INITIAL.search(line):
        return
    for m in _INITIALS.finditer(line):
        yield m.start(), m.end() + 1


_DOTS = re.compile(r"\.(?: ?\.)+")


@rule(PROTECT, needs=("..", ". .", "…"))  # what both patterns need
def omission_ellipsis(line: str) -> Iterator[tuple[int, int]]:
    """An ellipsis inside a sentence marks an omission, not an end.

    ``the thing is . . . I didn’t mean it`` and ``Bohr [...] used the analogy`` stay whole;
    four dots (``I never meant that.... She left.``) still end a sentence, as does ``…``
    when a capitalised sentence follows (Punkt decides).
    """
    for m in _DOTS.finditer(line):
        text = m.group()
        if text.count(".") == 3 and " " in text:
            yield m.start(), m.end() + 1
        elif text.count(".") >= 4 and text[1] == " " and m.start() > 0 and not line[m.start() - 1].isspace():
            yield m.start() + 1, m.end() + 1
    for m in re.finditer(r"[\[(](?:\.{3}|…)[\])]", line):
        yield m.start(), m.end() + 1


@rule(PROTECT)
def list_marker(line: str) -> Iterator[tuple[int, int]]:
    """A list marker is not a sentence: ``1. The first item``, ``• 9. The first item``, ``a. The first``."""
    first = first_list_marker(line)
    if first:  # (a chain of markers starts with the first one)
        for m in enumeration_markers(line):
            yield m.start(), m.end() + 1
        yield first.start(), first.end() + 1
    for bullet in LIST_BULLETS:
        if bullet in line:
            for m in LIST_MARKER.finditer(line):
                if m.group("bullet"):
                    yield m.start(), m.end() + 1
            return
