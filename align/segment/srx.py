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
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import regex
from lxml import etree

from align.errors import DataError
from align.io import safe_xml_parser
from align.segment.javaregex import compile_rule


@dataclass(frozen=True)
class SrxRule:
    """One SRX rule: break or exception, with its two (Java) regular expressions."""

    brk: bool
    before: str
    after: str


@dataclass(frozen=True)
class SrxRules:
    """A parsed SRX file: named language rules and the language maps, in file order."""

    cascade: bool
    languages: tuple[tuple[str, tuple[SrxRule, ...]], ...]
    maps: tuple[tuple[str, str], ...]  # (languagepattern, languagerulename)

    def rules_for(self, lang: str) -> tuple[SrxRule, ...]:
        """The rules applying to ``lang`` (first matching map, or all of them with cascade)."""
        by_name = dict(self.languages)
        chosen: list[SrxRule] = []
        for pattern, name in self.maps:
            if regex.fullmatch(pattern, lang, flags=regex.IGNORECASE):
                chosen.extend(by_name.get(name, ()))
                if not self.cascade:
                    break
        return tuple(chosen)


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _rule(element: etree._Element) -> SrxRule:
    parts = {_local(child.tag): child.text or "" for child in element}
    return SrxRule(element.get("break", "yes") != "no", parts.get("beforebreak", ""), parts.get("afterbreak", ""))


def parse_srx(data: bytes) -> SrxRules:
    """Parse an SRX 2.0 document with the safe parser (no entities, no DTD, no network)."""
    try:
        root = etree.fromstring(data, parser=safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        raise DataError(f"not a well-formed SRX file: {exc}") from exc
    if _local(root.tag) != "srx":
        raise DataError(f"not an SRX file: root element is <{_local(root.tag)}>, expected <srx>")
    header = next((e for e in root.iter() if _local(e.tag) == "header"), None)
    cascade = header is not None and header.get("cascade", "no") == "yes"
    languages = tuple(
        (e.get("languagerulename", ""), tuple(_rule(r) for r in e if _local(r.tag) == "rule"))
        for e in root.iter() if _local(e.tag) == "languagerule"
    )
    maps = tuple(
        (e.get("languagepattern", ""), e.get("languagerulename", ""))
        for e in root.iter() if _local(e.tag) == "languagemap"
    )
    if not maps:
        raise DataError("SRX file has no <languagemap>: no rules apply to any language")
    return SrxRules(cascade, languages, maps)


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
        for r in self.rules:
            pattern = compile_rule(r.before, r.after)
            if pattern is not None:
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
