"""TMX 1.4b: a streaming writer and a safe streaming reader.

The writer follows the DTD's element order (``header`` with its seven required
attributes, then ``body`` of ``tu`` → ``prop``* → ``tuv`` → ``seg``) and streams with
``lxml.etree.xmlfile`` so memory stays constant however many units are written.
The reader uses ``iterparse`` with element clearing and the safe-parser guarantees of
:mod:`align.io` (no entity expansion, no DTD, no network).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO

from lxml import etree

from align import __version__
from align.errors import DataError
from align.io import SAFE_ITERPARSE
from align.langcodes import check_tag, same_language
from align.model import TranslationUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 forbids (C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class TmxHeader:
    """The ``<header>`` attributes; ``srclang`` and ``adminlang`` are BCP 47 tags."""

    srclang: str = "en"
    tgtlang: str = "fr"
    adminlang: str = "en"
    creationtool: str = "align"
    creationtoolversion: str = __version__
    segtype: str = "sentence"
    o_tmf: str = "align"
    datatype: str = "plaintext"
    creationdate: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"))
    props: tuple[tuple[str, str], ...] = ()


@dataclass
class WriteSummary:
    """What the writer did that the user should know about."""

    written: int = 0
    illegal_chars_removed: int = 0
    skipped_empty: int = 0


def clean_xml_text(text: str) -> tuple[str, int]:
    """Remove characters illegal in XML 1.0; return the text and how many were removed."""
    cleaned, n = _ILLEGAL.subn("", text)
    return cleaned, n


def write_tmx(fh: IO[bytes], units: Iterable[TranslationUnit], header: TmxHeader) -> WriteSummary:
    """Stream ``units`` into ``fh`` as TMX 1.4b; empty or one-sided units are skipped."""
    src, tgt = check_tag(header.srclang), check_tag(header.tgtlang)
    summary = WriteSummary()
    with etree.xmlfile(fh, encoding="UTF-8") as xf:
        xf.write_declaration()
        xf.write_doctype('<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
        with xf.element("tmx", version="1.4"):
            xf.write(_header_element(header, src), pretty_print=True)
            with xf.element("body"):
                for unit in units:
                    tu = _tu_element(unit, src, tgt, summary)
                    if tu is not None:
                        xf.write(tu, pretty_print=True)
                        summary.written += 1
    return summary


def _header_element(h: TmxHeader, src: str) -> etree._Element:
    el = etree.Element("header", {
        "creationtool": h.creationtool, "creationtoolversion": h.creationtoolversion,
        "segtype": h.segtype, "o-tmf": h.o_tmf, "adminlang": check_tag(h.adminlang),
        "srclang": src, "datatype": h.datatype, "creationdate": h.creationdate,
    })
    for key, value in h.props:
        _prop(el, key, value)
    return el


def _prop(parent: etree._Element, key: str, value: str) -> None:
    etree.SubElement(parent, "prop", type=key).text = value


def _tu_element(u: TranslationUnit, src: str, tgt: str, summary: WriteSummary) -> etree._Element | None:
    source, n1 = clean_xml_text(u.source)
    target, n2 = clean_xml_text(u.target)
    summary.illegal_chars_removed += n1 + n2
    if not source.strip() or not target.strip():
        summary.skipped_empty += 1
        return None
    tu = etree.Element("tu", tuid=u.tuid) if u.tuid else etree.Element("tu")
    _prop(tu, "x-score", f"{u.score:.4f}")
    _prop(tu, "x-bead", u.bead)
    if u.document:
        _prop(tu, "x-document", u.document)
    for key, value in u.props:
        _prop(tu, key, value)
    for lang, text in ((src, source), (tgt, target)):
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
        etree.SubElement(tuv, "seg").text = text
    return tu


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def seg_text(seg: etree._Element) -> tuple[str, bool]:
    """The plain text of a ``<seg>``: inline codes (bpt ept ph it ut) dropped, hi/sub kept.

    Returns the text and whether inline markup was present.
    """
    parts: list[str] = [seg.text or ""]
    had_markup = False
    for child in seg:
        had_markup = True
        name = _local(child.tag)
        if name in ("hi", "sub"):
            parts.append(seg_text(child)[0])
        parts.append(child.tail or "")
    return "".join(parts), had_markup


def _tuv_lang(tuv: etree._Element) -> str:
    return tuv.get(XML_LANG) or tuv.get("lang") or ""


def read_tmx(
    source: str | IO[bytes], srclang: str | None = None, tgtlang: str | None = None
) -> Iterator[TranslationUnit]:
    """Yield translation units from a TMX file, in constant memory.

    ``srclang`` defaults to the header's; ``tgtlang`` to the first other language met.
    """
    header_src = srclang
    try:
        for _, el in etree.iterparse(source, events=("end",), tag=("{*}tu", "{*}header"), **SAFE_ITERPARSE):
            if _local(el.tag) == "header":
                header_src = header_src or el.get("srclang")
                continue
            unit = _unit(el, header_src, tgtlang)
            el.clear(keep_tail=False)
            while el.getprevious() is not None:
                del el.getparent()[0]
            if unit is not None:
                tgtlang = tgtlang or unit[1]
                yield unit[0]
    except etree.XMLSyntaxError as exc:
        raise DataError(f"not well-formed TMX: {exc}") from exc


def _unit(tu: etree._Element, src: str | None, tgt: str | None) -> tuple[TranslationUnit, str] | None:
    texts: dict[str, str] = {}
    props = []
    for child in tu:
        name = _local(child.tag)
        if name == "prop":
            props.append((child.get("type", ""), child.text or ""))
        elif name == "tuv":
            seg = next((c for c in child if _local(c.tag) == "seg"), None)
            if seg is not None:
                texts.setdefault(_tuv_lang(child), seg_text(seg)[0])
    s_lang = next((lang for lang in texts if src and same_language(lang, src)), None)
    if s_lang is None and texts and (src is None or src == "*all*"):
        s_lang = next(iter(texts))
    if s_lang is None:
        return None
    t_lang = next((lang for lang in texts if lang != s_lang and (tgt is None or same_language(lang, tgt))), None)
    if t_lang is None:
        return None
    p = dict(props)
    unit = TranslationUnit(
        texts[s_lang], texts[t_lang], tu.get("tuid", ""), float(p.get("x-score", 1.0) or 1.0),
        p.get("x-bead", "1-1"), p.get("x-document", ""),
    )
    return unit, t_lang
