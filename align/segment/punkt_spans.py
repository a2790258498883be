"""NLTK Punkt's sentence spans for one line, computed the way NLTK computes them, faster.

``PunktSentenceTokenizer.span_tokenize`` decides each candidate stop by tokenizing its
context (the word before, the stop, the token after) into ``PunktToken`` objects and
running both annotation passes over them through chains of generators; on a prose
paragraph that per-candidate machinery, not the decision, is most of the time. This module
follows the same steps in the same order (``_match_potential_end_contexts``,
``_slices_from_text``, ``text_contains_sentbreak``, the two annotation passes of Kiss &
Strunk 2006 sec. 3-4, ``_realign_boundaries``) on plain strings, with NLTK's own compiled
patterns and the tokenizer's own parameters, and remembers each context's decision for
the rest of the text (a decision depends on the context string alone).
``tests/test_segment_punkt.py`` checks that it gives NLTK's spans on varied text.
"""

from __future__ import annotations

from functools import cache

from nltk.tokenize.punkt import _ORTHO_BEG_LC, _ORTHO_LC, _ORTHO_MID_UC, _ORTHO_UC

from align.segment.punkt import candidates, tokenizer

_ASCII_SPACE = " \t\n\r\x0b\x0c"  # string.whitespace: what NLTK's word-before search looks for
_OTHER_ASCII_SPACE = _ASCII_SPACE[1:]
_PUNCTUATION = frozenset(";:,.!?")  # PunktSentenceTokenizer.PUNCTUATION
# The characters NLTK's realignment pattern starts with (``re_boundary_realignment``).
_REALIGN_FIRST = frozenset("\"')]}\u2018\u2019\u201c\u201d\xab\xbb")


def _raw(pattern):
    """The compiled ``regex`` pattern inside NLTK's timed wrapper (same engine, same flags):
    callers give it bounded text, so the per-call timeout thread is not needed."""
    return getattr(pattern, "_rx", pattern)


class Spans:
    """Punkt's decisions for one tokenizer (one language's parameters)."""

    def __init__(self, lang: str) -> None:
        tok = tokenizer(lang)
        lv, params = tok._lang_vars, tok._params
        self.candidates = candidates(lang)  # NLTK's pattern run by ``re`` (same matches, tested)
        self.words = _raw(lv._word_tokenizer_re()).findall
        self.realign = _raw(lv.re_boundary_realignment).match
        self.sent_end = frozenset(lv.sent_end_chars)
        token = tok._Token
        self.ellipsis = _raw(token._RE_ELLIPSIS).match
        self.numeric = _raw(token._RE_NUMERIC).sub
        self.initial = _raw(token._RE_INITIAL).match
        self.abbrevs = params.abbrev_types
        self.collocations = params.collocations
        self.starters = params.sent_starters
        self.ortho = params.ortho_context

    # --- one candidate: PunktSentenceTokenizer.text_contains_sentbreak ------------------

    def _first_pass(self, tok: str) -> tuple[bool, bool, bool]:
        """(sentbreak, abbr, ellipsis) of ``_first_pass_annotation``."""
        if tok in self.sent_end:
            return True, False, False
        if self.ellipsis(tok):
            return False, False, True
        if tok[-1] == "." and not tok.endswith(".."):
            low = tok[:-1].lower()
            if low in self.abbrevs or low.split("-")[-1] in self.abbrevs:
                return False, True, False
            return True, False, False
        return False, False, False

    def _type(self, tok: str) -> str:
        return self.numeric("##number##", tok.lower())

    def _ortho_heuristic(self, tok: str, next_typ: str) -> bool | str:
        if tok in _PUNCTUATION:
            return False
        context = self.ortho.get(next_typ, 0)  # a defaultdict: .get leaves it unchanged
        if tok[0].isupper() and context & _ORTHO_LC and not context & _ORTHO_MID_UC:
            return True
        if tok[0].islower() and (context & _ORTHO_UC or not context & _ORTHO_BEG_LC):
            return False
        return "unknown"

    def _breaks(self, tok: str, nxt: str) -> bool:
        """Whether ``tok`` (followed by ``nxt``) is a sentence break after both passes."""
        sentbreak, abbr, ellipsis = self._first_pass(tok)
        if tok[-1] != ".":
            return sentbreak
        typ = self._type(tok)
        if len(typ) > 1 and typ[-1] == ".":
            typ = typ[:-1]
        next_typ = self._type(nxt)
        if self._first_pass(nxt)[0] and len(next_typ) > 1 and next_typ[-1] == ".":
            next_typ = next_typ[:-1]
        initial = self.initial(tok)
        if (typ, next_typ) in self.collocations:
            return False
        if (abbr or ellipsis) and not initial:
            if self._ortho_heuristic(nxt, next_typ) is True:
                return True
            if nxt[0].isupper() and next_typ in self.starters:
                return True
        if initial or typ == "##number##":
            starter = self._ortho_heuristic(nxt, next_typ)
            if starter is False:
                return False
            if starter == "unknown" and initial and nxt[0].isupper() and not self.ortho.get(next_typ, 0) & _ORTHO_LC:
                return False
        return sentbreak

    def contains_break(self, context: str) -> bool:
        """``text_contains_sentbreak``: a break on any token of ``context`` but the last."""
        tokens = [t for line in context.split("\n") if line.strip() for t in self.words(line)]
        return any(self._breaks(tokens[i], tokens[i + 1]) for i in range(len(tokens) - 1))

    # --- a line: _match_potential_end_contexts, _slices_from_text, _realign_boundaries --

    def _contexts(self, text: str):
        """(match, context) of each candidate that does not overlap the next one's word."""
        blanks_only = not any(c in text for c in _OTHER_ASCII_SPACE)
        prev_start = prev_stop = 0
        prev = None
        for m in self.candidates.finditer(text):
            start = m.start()
            if blanks_only:
                last = text.rfind(" ", prev_stop, start)
            else:
                last = max(text.rfind(c, prev_stop, start) for c in _ASCII_SPACE)
            # NLTK's _get_last_whitespace_index answers 0 both for "none" and for a space
            # at the first position of the text before: both keep the previous word's start.
            word_start = last + 1 if last > prev_stop else prev_start
            if prev is not None and prev_stop <= word_start:
                yield prev, text[prev_start:prev_stop] + prev.group() + prev.group("after_tok")
            prev, prev_start, prev_stop = m, word_start, start
        if prev is not None:
            yield prev, text[prev_start:prev_stop] + prev.group() + prev.group("after_tok")

    def spans(self, text: str, decided: dict[str, bool] | None = None) -> list[tuple[int, int]]:
        """``list(PunktSentenceTokenizer.span_tokenize(text))``. ``decided``: the decisions
        taken so far on the same text, by context (``"! '"``, ``"Mr. Smith"`` recur)."""
        if decided is None:
            decided = {}
        elif len(decided) > 50_000:  # bounded memory on a huge text
            decided.clear()
        slices: list[tuple[int, int]] = []
        last_break = 0
        for m, context in self._contexts(text):
            found = decided.get(context)
            if found is None:
                found = decided[context] = self.contains_break(context)
            if found:
                slices.append((last_break, m.end()))
                last_break = m.start("next_tok") if m.group("next_tok") else m.end()
        slices.append((last_break, len(text.rstrip())))
        out: list[tuple[int, int]] = []
        n, realign = len(text), 0
        for i, (start, stop) in enumerate(slices):
            start += realign
            if i + 1 == len(slices):
                if min(stop, n) > start:
                    out.append((start, stop))
                break
            nxt_start, nxt_stop = slices[i + 1]
            found = None
            if nxt_start < min(nxt_stop, n) and text[nxt_start] in _REALIGN_FIRST:
                found = self.realign(text[nxt_start:nxt_stop])
            if found:
                out.append((start, nxt_start + len(found.group(0).rstrip())))
                realign = found.end()
            else:
                realign = 0
                if min(stop, n) > start:
                    out.append((start, stop))
        return out


@cache
def span_finder(lang: str) -> Spans:
    """The span finder for ``lang``'s tokenizer (``punkt.tokenizer``)."""
    return Spans(lang)
