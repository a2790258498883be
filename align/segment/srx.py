"""SRX 2.0 segmentation (LISA Segmentation Rules eXchange), as CAT tools cut text.

A TMX segmented with the same rules as the translator's CAT tool (OmegaT, LanguageTool's
rules in Okapi/OmegaT) gets exact matches there. SRX semantics, spec sections 2.5–2.6:
at each position between two characters, the *first* rule (in document order) whose
``beforebreak`` matches the text ending there and whose ``afterbreak`` matches the text
starting there decides: ``break="yes"`` cuts, ``break="no"`` (an exception) does not.
The language rules used are those of the first ``languagemap`` whose ``languagepattern``
matches the language code, or, when the header says ``cascade="yes"``, of every map that
matches, in order.

Why a small implementation of our own: the Python SRX packages on PyPI (``srx-segmenter``)
are unmaintained and do not convert Java regex syntax; the maintained implementations
(Okapi, LanguageTool, loomchild ``segment``) are Java. The Java syntax these rule files use
is converted by ``align.segment.javaregex`` and run with the ``regex`` module, which has
Java's variable-length lookbehind, possessive quantifiers and ``\\p{..}`` classes.
Reading an SRX file is ``align.formats.srx.parse_srx``'s job; this module only applies rules.
"""

from __future__ import annotations

from functools import cached_property

import regex

from align.errors import DataError
from align.model import SrxRule, SrxRules
from align.segment.javaregex import compile_rule

__all__ = ["SrxRule", "SrxRules", "SrxSegmenter"]


class SrxSegmenter:
    """Cuts paragraphs with the rules an SRX file gives for one language."""

    def __init__(self, rules: SrxRules, lang: str) -> None:
        self.lang = lang
        self.rules = rules.rules_for(lang)
        if not self.rules:
            raise DataError(f"the SRX file has no rules for language {lang!r}; choose one with --srx-lang")

    @cached_property
    def compiled(self) -> list[tuple[bool, regex.Pattern]]:
        """Every rule as one zero-width pattern ``(?<=before)(?=after)``, in order."""
        out = []
        for k, r in enumerate(self.rules, 1):
            pattern = compile_rule(r.before, r.after)
            if pattern is None:  # skipping it would cut differently from the CAT tool, silently
                raise DataError(f"SRX rule {k} for {self.lang!r} is not a valid regular expression: "
                                f"beforebreak {r.before!r}, afterbreak {r.after!r}", hint="fix or remove that rule")
            out.append((r.brk, pattern))
        return out

    def boundaries(self, line: str) -> list[int]:
        """Positions where the first matching rule is a break rule."""
        candidates: set[int] = set()
        for brk, pattern in self.compiled:
            if brk:
                candidates.update(m.start() for m in pattern.finditer(line))
        out = []
        for p in sorted(candidates):
            for brk, pattern in self.compiled:
                if pattern.match(line, p):
                    if brk:
                        out.append(p)
                    break
        return out

    def split(self, line: str) -> list[tuple[int, int]]:
        """Sentence spans of ``line``, trimmed of surrounding whitespace."""
        spans, prev = [], 0
        for p in [*self.boundaries(line), len(line)]:
            chunk = line[prev:p]
            start = prev + len(chunk) - len(chunk.lstrip())
            end = p - (len(chunk) - len(chunk.rstrip()))
            if end > start:
                spans.append((start, end))
            prev = p
        return spans
