"""The TMX 1.4b writer: streaming, DTD-valid, and conservative about what it lets in.

It follows the DTD's element order (``header`` with its seven required attributes, then
``body`` of ``tu`` → ``prop``* → ``tuv`` → ``seg``) and streams, one chunk of units at a
time, so memory stays constant however many units are written (translate-toolkit builds
the whole tree first: ~600 MB for 200k units). Each ``<tu>`` is written as text with
libxml2's escapes, the bytes ``lxml.etree.xmlfile`` wrote when it built one element per
unit (a third of the cost); the header is still an lxml element. What CAT tools choke on is kept out and
counted in :class:`WriteSummary`: characters XML 1.0 forbids, empty or one-sided units,
``fr_FR`` locale codes (refused), and "translations" that are really source-language text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO

from lxml import etree

from align import __version__
from align.errors import UsageError
from align.langcodes import base, check_tag
from align.model import TranslationUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 forbids (C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DATE = re.compile(r"^\d{8}T\d{6}Z$")
# Units handled per step (bounded memory whatever the size of the memory).
CHUNK = 1024
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>"


def _text(s: str) -> str:
    """Element text as libxml2 writes it in UTF-8 (``&``, ``<``, ``>`` and CR escaped)."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attr(s: str) -> str:
    """An attribute value as libxml2 writes it (also ``"``, tab, LF and CR escaped)."""
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;"))


def _now() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class TmxHeader:
    """The ``<header>`` attributes; ``srclang``, ``tgtlang`` and ``adminlang`` are BCP 47 tags.

    ``creationdate`` is TMX's ``YYYYMMDDThhmmssZ`` (UTC), the only date form the spec allows.
    """

    srclang: str = "en"
    tgtlang: str = "fr"
    adminlang: str = "en"
    creationtool: str = "align"
    creationtoolversion: str = __version__
    segtype: str = "sentence"
    o_tmf: str = "align"
    datatype: str = "plaintext"
    creationdate: str = field(default_factory=_now)
    props: tuple[tuple[str, str], ...] = ()


@dataclass
class WriteSummary:
    """What the writer did that the user should know about (nothing is dropped silently)."""

    written: int = 0
    illegal_chars_removed: int = 0
    skipped_empty: int = 0
    duplicates_merged: int = 0
    untranslated_skipped: int = 0
    untranslated: list[str] = field(default_factory=list)
    """tuid (or source text when no tuid) of each unit left out as untranslated."""

    def lines(self) -> list[str]:
        """The summary lines ``align run`` and ``align tmx convert`` print."""
        left = (f"left out: {self.untranslated_skipped} untranslated (target in the source language), "
                f"{self.skipped_empty} empty or one-sided, {self.duplicates_merged} duplicates merged")
        out = [f"TMX: {self.written} units written; {left}"]
        if self.illegal_chars_removed:
            out.append(f"TMX: {self.illegal_chars_removed} characters illegal in XML 1.0 removed")
        if self.untranslated:
            shown = ", ".join(self.untranslated[:5]) + (" …" if len(self.untranslated) > 5 else "")
            out.append(f"TMX: untranslated units left out: {shown}")
        return out


def clean_xml_text(text: str) -> tuple[str, int]:
    """Remove characters illegal in XML 1.0; return the text and how many were removed.

    One U+000B from a Word export makes the whole file unparseable for every CAT tool, so
    removing it (and counting it) is the only safe choice.
    """
    cleaned, n = _ILLEGAL.subn("", text)
    return cleaned, n


def check_header(header: TmxHeader) -> tuple[str, str]:
    """Canonical source and target tags; refuse POSIX locales and malformed dates early."""
    src, tgt = check_tag(header.srclang), check_tag(header.tgtlang)
    check_tag(header.adminlang)
    if src == tgt:
        raise UsageError(f"source and target language are both {src!r}")
    if not _DATE.match(header.creationdate):
        raise UsageError(f"creationdate {header.creationdate!r} is not YYYYMMDDThhmmssZ")
    return src, tgt


def write_tmx(
    fh: IO[bytes], units: Iterable[TranslationUnit], header: TmxHeader, *,
    merge_duplicates: bool = False, drop_untranslated: bool = True,
) -> WriteSummary:
    """Stream ``units`` into ``fh`` as TMX 1.4b and say what was left out.

    ``merge_duplicates`` keeps the first of identical (source, target) pairs (8-byte digests,
    so memory grows by ~70 bytes per distinct pair only when asked). ``drop_untranslated``
    leaves out units whose target is detected as source-language text: a CAT tool would
    otherwise "translate" English with English.
    """
    src, tgt = check_header(header)
    summary = WriteSummary()
    gate = _Gate(src, tgt, merge_duplicates, drop_untranslated, summary)
    head = etree.tostring(_header_element(header, src), pretty_print=True, encoding="unicode")
    fh.write(f"{DECLARATION}\n{DOCTYPE}\n<tmx version=\"1.4\">\n{head}<body>\n".encode())
    for chunk in _chunks(units, CHUNK):
        parts = []
        for unit, untranslated in zip(chunk, gate.untranslated(chunk), strict=True):
            tu = gate.element(unit, untranslated)
            if tu is not None:
                parts.append(tu)
                summary.written += 1
        fh.write("".join(parts).encode())
    fh.write(b"</body>\n</tmx>")
    return summary


def _chunks(units: Iterable[TranslationUnit], size: int) -> Iterator[list[TranslationUnit]]:
    """Consecutive lists of ``size`` units: memory stays bounded by one chunk."""
    chunk: list[TranslationUnit] = []
    for unit in units:
        chunk.append(unit)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _header_element(h: TmxHeader, src: str) -> etree._Element:
    el = etree.Element("header", {
        "creationtool": h.creationtool, "creationtoolversion": h.creationtoolversion,
        "segtype": h.segtype, "o-tmf": h.o_tmf, "adminlang": check_tag(h.adminlang),
        "srclang": src, "datatype": h.datatype, "creationdate": h.creationdate,
    })
    for key, value in h.props:
        _prop(el, key, value)
    return el


def _prop(parent: etree._Element, key: str, value: str) -> int:
    text, n = clean_xml_text(value)
    etree.SubElement(parent, "prop", type=clean_xml_text(key)[0]).text = text
    return n


@dataclass
class _Gate:
    """Decides, unit by unit, what goes into the file; keeps the counts in ``summary``."""

    src: str
    tgt: str
    merge: bool
    drop_untranslated: bool
    summary: WriteSummary
    seen: set[bytes] = field(default_factory=set)

    def untranslated(self, chunk: Sequence[TranslationUnit]) -> list[bool]:
        """Which targets of ``chunk`` were labelled with the source language.

        The label is detected once, upstream (``align.pipeline`` labels every sentence when it
        segments; ``align.pipeline.label_targets`` labels a memory read from elsewhere), and
        carried on the unit (``target_lang``): this writer detects nothing itself.
        """
        s = base(self.src)
        if not self.drop_untranslated or s == base(self.tgt):
            return [False] * len(chunk)
        return [bool(u.target_lang) and base(u.target_lang) == s for u in chunk]

    def element(self, u: TranslationUnit, untranslated: bool = False) -> str | None:
        """The unit's ``<tu>`` as text (lxml's pretty-printed serialization, byte for byte),
        or None when it is left out (and counted)."""
        source, n1 = clean_xml_text(u.source)
        target, n2 = clean_xml_text(u.target)
        self.summary.illegal_chars_removed += n1 + n2
        if not source.strip() or not target.strip():
            self.summary.skipped_empty += 1
            return None
        if untranslated:
            self.summary.untranslated_skipped += 1
            self.summary.untranslated.append(u.tuid or source[:60])
            return None
        if self.merge and self._duplicate(source, target):
            self.summary.duplicates_merged += 1
            return None
        return self._tu(u, source, target)

    def _duplicate(self, source: str, target: str) -> bool:
        key = hashlib.blake2b(f"{source}\x00{target}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
        if key in self.seen:
            return True
        self.seen.add(key)
        return False

    def _tu(self, u: TranslationUnit, source: str, target: str) -> str:
        """Built as text, not as lxml elements: a third of the cost, the same bytes (the
        escapes are libxml2's; ``tests/test_speed_writers.py`` compares with the element way)."""
        parts = [f'<tu tuid="{_attr(clean_xml_text(u.tuid)[0])}">\n' if u.tuid else "<tu>\n"]
        props = [("x-score", f"{u.score:.4f}"), ("x-bead", u.bead)]
        if u.document:
            props.append(("x-document", u.document))
        n = 0
        for key, value in (*props, *u.props):
            text, k = clean_xml_text(value)
            n += k
            parts.append(f'  <prop type="{_attr(clean_xml_text(key)[0])}">{_text(text)}</prop>\n')
        self.summary.illegal_chars_removed += n
        parts.append(f'  <tuv xml:lang="{_attr(self.src)}">\n    <seg>{_text(source)}</seg>\n  </tuv>\n'
                     f'  <tuv xml:lang="{_attr(self.tgt)}">\n    <seg>{_text(target)}</seg>\n  </tuv>\n</tu>\n')
        return "".join(parts)
