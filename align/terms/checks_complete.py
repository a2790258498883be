"""Completeness: text left as the source, sentences dropped, units much shorter than they should be.

* *Identical*: a translation that is its source again, when the source holds words to
  translate (a line of names, numbers, URLs or codes is rightly copied: ``GPU``, ``2019``).
* *Possible omission*: a source sentence with no counterpart inside an aligned passage.
  The pipeline hands it to the checks as a unit with an empty target (type ``1-0``),
  so the reviewer sees it in the report and not only in ``unaligned.tsv``.
* *Length mismatch*: a unit whose translation is far shorter (or longer) than the
  document's usual ratio, the sign of a dropped clause (Gale & Church 1993 model the
  lengths of a translation as proportional to the source's, with a variance growing with
  the length; the tolerance here is a factor of the document's median ratio).
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterator

from align.terms.checks_codes import URL, codes
from align.terms.context import Context
from align.terms.match import function_words
from align.terms.registry import ERROR, WARNING, Hit, check
from align.terms.text import fold

MIN_IDENTICAL_WORDS = 2
LENGTH_FACTOR = 2.2
MIN_LENGTH = 60  # characters of the longer side: short units vary too much to judge
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _translatable(text: str, lang: str) -> list[str]:
    """Words of ``text`` that call for a translation: not names, codes, numbers or URLs."""
    masked = URL.sub(" ", text)
    for c in codes(masked):
        masked = masked.replace(c, " ")
    words = _WORD.findall(masked)
    stop = function_words(lang)
    out = []
    for i, w in enumerate(words):
        if fold(w) in stop:
            out.append(w)
        elif not (w.isupper() and len(w) > 1) and not (i > 0 and w[:1].isupper()) and len(w) > 1:
            out.append(w)  # neither an acronym nor a capitalised name inside the sentence
    return out


def _same_words(source: str, target: str) -> bool:
    """``" ".join(source.split()) == " ".join(target.split())``, most pairs told apart by their first character.

    Two texts starting with different characters, neither a space, start with different
    words; the others are split and compared (words hold no space, so the joined texts
    are equal exactly when the word lists are).
    """
    a, b = source[:1], target[:1]
    if a != b and not a.isspace() and not b.isspace():
        return False
    return source.split() == target.split()


@check(ERROR, title="Translation identical to the source", family="completeness")
def identical(ctx: Context) -> Iterator[Hit]:
    """The target repeats the source, which holds words to translate (``Thank you.`` → ``Thank you.``)."""
    for k, seg in enumerate(ctx.segments):
        if not seg.bilingual or not _same_words(seg.unit.source, seg.unit.target):
            continue
        if len(_translatable(seg.unit.source, ctx.source_lang)) >= MIN_IDENTICAL_WORDS:
            yield Hit(k, "", seg.unit.target, "", "the translation is the source text again",
                      (0, len(seg.unit.source)), (0, len(seg.unit.target)))


@check(WARNING, bilingual=False, title="Possible omission: source sentence not translated", family="completeness")
def omission(ctx: Context) -> Iterator[Hit]:
    """A source sentence with no counterpart in the translation (a unit of type ``1-0``)."""
    for k, seg in enumerate(ctx.segments):
        if seg.omitted:
            text = seg.unit.source
            yield Hit(k, "", "", text, "no counterpart found in the translation", (0, len(text)))


@check(WARNING, title="Possible omission: translation much shorter than its source", family="completeness")
def length_mismatch(ctx: Context) -> Iterator[Hit]:
    """A unit's translation is over ``LENGTH_FACTOR`` times shorter (or longer) than the document's norm.

    The norm is the median target/source length ratio of the document's units, so a
    language pair's usual expansion (French ~1.15× English) is not a fault.
    """
    pairs = [(k, len(s.unit.source.strip()), len(s.unit.target.strip())) for k, s in enumerate(ctx.segments)
             if s.bilingual and s.unit.target.strip()]
    ratios = [t / s for _, s, t in pairs if s >= 20 and t >= 1]
    if len(ratios) < 5:
        return
    norm = statistics.median(ratios)
    for k, s, t in pairs:
        if max(s * norm, t) < MIN_LENGTH or s == 0:
            continue
        off = math.log(t / (s * norm))
        if abs(off) > math.log(LENGTH_FACTOR):
            short = off < 0
            seg = ctx.segments[k]
            yield Hit(k, "", f"{t} characters", f"about {round(s * norm)} characters",
                      f"the translation is {t / (s * norm):.1f}× the expected length "
                      f"({'something may be missing' if short else 'something may have been added'})",
                      (0, len(seg.unit.source)), (0, len(seg.unit.target)))
