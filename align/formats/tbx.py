"""TBX termbases (ISO 30042): v2 ``martif/…/termEntry/langSet/tig`` and v3 ``conceptEntry/langSec/termSec``.

Parsed with the safe parser of :mod:`align.io` (no entities, no DTD, no network). Each
concept with a term in both languages becomes one entry: the first preferred (or
admitted) source term is the entry, the others its synonyms; target terms whose
``administrativeStatus`` (or v2 ``normativeAuthorization``) is deprecated or superseded
become forbidden variants; a ``transferComment``/note saying *do not translate*, or a
``termNote`` typed ``x-doNotTranslate`` / ``x-caseSensitive`` set to ``true``, sets the
flags. Element names are compared without namespace, so TBX-Basic, TBX-Core and the
v3 namespaced dialects read the same.
"""

from __future__ import annotations

import re

from lxml import etree

from align.errors import DataError
from align.io import safe_xml_parser, xml_root_of
from align.langcodes import base
from align.model import TermEntry

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_BAD = ("deprecated", "superseded", "forbidden", "rejected")
_DNT = re.compile(r"do.?not.?translate|never translated|untranslatable|\bdnt\b", re.IGNORECASE)


def is_tbx(text: str) -> bool:
    return xml_root_of(text) in ("martif", "tbx")


def _local(el: etree._Element) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _children(el: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in el if _local(c) in names]


def parse_tbx(data: bytes, source_lang: str, target_lang: str, name: str = "glossary") -> tuple[TermEntry, ...]:
    """Entries of a TBX file for one language pair."""
    try:
        root = etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        raise DataError(f"{name}: not well-formed TBX: {exc}") from exc
    entries = []
    for concept in root.iter():
        if _local(concept) in ("termEntry", "conceptEntry"):
            entry = _concept(concept, source_lang, target_lang)
            if entry is not None:
                entries.append(entry)
    return tuple(entries)


def _concept(concept: etree._Element, source_lang: str, target_lang: str) -> TermEntry | None:
    by_lang: dict[str, list[tuple[str, str, dict[str, str]]]] = {}
    for lang_el in _children(concept, "langSet", "langSec"):
        lang = base(lang_el.get(XML_LANG) or lang_el.get("lang") or "")
        for term_el in _children(lang_el, "tig", "ntig", "termSec"):
            by_lang.setdefault(lang, []).extend(_terms(term_el))
    src, tgt = by_lang.get(base(source_lang), []), by_lang.get(base(target_lang), [])
    if not src:
        return None
    notes = " ".join(t for t in concept.itertext() if t.strip())
    flags = {k: v for _, _, f in src + tgt for k, v in f.items()}
    ok_src = [t for t, status, _ in src if not status.startswith(_BAD)]
    ok_tgt = [t for t, status, _ in tgt if not status.startswith(_BAD)]
    dnt = flags.get("x-donottranslate", "") == "true" or bool(_DNT.search(notes))
    if not ok_src or not (ok_tgt or dnt):
        return None
    return TermEntry(
        ok_src[0], tuple(ok_tgt) or (ok_src[0],), flags.get("note", ""),
        tuple(t for t, status, _ in tgt if status.startswith(_BAD)), dnt,
        flags.get("x-casesensitive", "") == "true", tuple(ok_src[1:]),
    )


def _terms(el: etree._Element) -> list[tuple[str, str, dict[str, str]]]:
    """(term, status, flags) of a ``tig``/``ntig``/``termSec`` (``ntig`` nests a ``termGrp``)."""
    holders = [el, *_children(el, "termGrp")]
    terms = [(t.text or "").strip() for h in holders for t in _children(h, "term")]
    status, flags = "", {}
    for node in el.iter():
        kind = (node.get("type") or "").lower()
        value = " ".join((node.text or "").split())
        if kind in ("administrativestatus", "normativeauthorization"):
            status = value.lower()
        elif kind in ("x-donottranslate", "x-casesensitive"):
            flags[kind] = value.lower()
        elif _local(node) == "note" or kind in ("transfercomment", "usagenote"):
            flags["note"] = value
    return [(t, status, flags) for t in terms if t]
