"""XLIFF, the CAT tools' bilingual exchange format, as input to ``align terms``.

Read: XLIFF 1.2 (``file/body/trans-unit/source|target``), XLIFF 2.0 and 2.1
(``file/unit/segment/source|target``), and the CAT tools' 1.2 variants: Trados Studio's
SDLXLIFF (the segments are ``mrk mtype="seg"`` inside ``seg-source`` and ``target``, matched
by ``mid``) and memoQ's MQXLIFF. Parsed with the safe parser (no entities, no DTD, no
network). Inline codes holding native markup (``bpt ept ph it``; 2.0's ``ph sc ec``) are
left out of the text and the unit is flagged ``inline_markup``; wrapping elements (``g``,
``mrk``, ``pc``) keep their words. Units without a target, or marked ``translate="no"``,
are not translations and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from align.errors import DataError
from align.io import safe_xml_parser
from align.langcodes import same_language
from align.model import TranslationUnit

# memoQ writes ISO 639-2 codes (``eng``, ``fre-FR``); the job's tags are ISO 639-1 (BCP 47).
ISO_639_2 = {"eng": "en", "fre": "fr", "fra": "fr", "ger": "de", "deu": "de", "spa": "es", "ita": "it",
             "por": "pt", "dut": "nl", "nld": "nl"}
CODES = {"bpt", "ept", "ph", "it", "sc", "ec", "sm", "em"}  # native code, not text
EMPTY = {"x", "bx", "ex", "cp"}


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _text(el: etree._Element | None) -> tuple[str, bool]:
    """The words of a ``source``/``target``/``mrk``; whether native codes were left out."""
    if el is None:
        return "", False
    parts, codes = [el.text or ""], False
    for child in el:
        name = _local(child)
        if name in CODES or name in EMPTY or name == "sub":
            codes = True
        elif name:
            inner, c = _text(child)
            parts.append(inner)
            codes = codes or c
        parts.append(child.tail or "")
    return " ".join("".join(parts).split()), codes


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if _local(c) == name]


def _segments(el: etree._Element | None) -> dict[str, etree._Element]:
    """SDLXLIFF's ``mrk mtype="seg"`` segments by ``mid``."""
    if el is None:
        return {}
    return {m.get("mid", ""): m for m in el.iter() if _local(m) == "mrk" and m.get("mtype") == "seg"}


def _units_12(file_el: etree._Element) -> Iterator[TranslationUnit]:
    for tu in (e for e in file_el.iter() if _local(e) == "trans-unit"):
        if tu.get("translate") == "no":
            continue
        source = next(iter(_children(tu, "source")), None)
        target = next(iter(_children(tu, "target")), None)
        seg_source = next(iter(_children(tu, "seg-source")), None)
        pieces = _segments(seg_source)
        if pieces:  # SDLXLIFF: one unit per segment
            targets = _segments(target)
            for mid, src in pieces.items():
                yield from _unit(f"{tu.get('id', '')}.{mid}", src, targets.get(mid))
        else:
            yield from _unit(tu.get("id", ""), source, target)


def _units_20(file_el: etree._Element) -> Iterator[TranslationUnit]:
    for unit in (e for e in file_el.iter() if _local(e) == "unit"):
        if unit.get("translate") == "no":
            continue
        for k, seg in enumerate(_children(unit, "segment"), 1):
            source = next(iter(_children(seg, "source")), None)
            target = next(iter(_children(seg, "target")), None)
            yield from _unit(f"{unit.get('id', '')}.{seg.get('id') or k}", source, target)


def _unit(tuid: str, source: etree._Element | None, target: etree._Element | None) -> Iterator[TranslationUnit]:
    (s, c1), (t, c2) = _text(source), _text(target)
    if s and t:
        yield TranslationUnit(s, t, tuid, 1.0, "1-1", inline_markup=c1 or c2)


def _bcp47(tag: str | None) -> str | None:
    """``fre-FR`` (memoQ) → ``fr-FR``; other tags as they are."""
    if not tag:
        return tag
    first, _, rest = tag.partition("-")
    return ISO_639_2.get(first.lower(), first) + (f"-{rest}" if rest else "")


def is_xliff(head: bytes) -> bool:
    return b"<xliff" in head[:4096]


def read_xliff(data: bytes, name: str, source_lang: str, target_lang: str) -> tuple[TranslationUnit, ...]:
    """The translated units of an XLIFF file whose languages are the job's (``en`` matches ``en-US``)."""
    try:
        root = etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        raise DataError(f"{name}: not well-formed XLIFF: {exc}") from exc
    if _local(root) != "xliff":
        raise DataError(f"{name}: not an XLIFF file (root element <{_local(root)}>)")
    version = root.get("version", "1.2")
    units: list[TranslationUnit] = []
    for file_el in _children(root, "file"):
        src = _bcp47(root.get("srcLang") if version.startswith("2") else file_el.get("source-language"))
        tgt = _bcp47(root.get("trgLang") if version.startswith("2") else file_el.get("target-language"))
        if (src and not same_language(src, source_lang)) or (tgt and not same_language(tgt, target_lang)):
            raise DataError(f"{name}: this XLIFF is {src or '?'} → {tgt or '?'}, not {source_lang} → {target_lang}",
                            hint="set --source-lang and --target-lang")
        units += (_units_20 if version.startswith("2") else _units_12)(file_el)
    if not units:
        raise DataError(f"{name}: no translated unit in this XLIFF (every target is empty)")
    return tuple(units)
