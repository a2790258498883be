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
# The bytes of the C0 controls XML 1.0 forbids, NUL aside (the chunk's separator): in UTF-8
# they only ever stand for themselves.
_ILLEGAL_BYTES = bytes([*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20)])
_DATE = re.compile(r"^\d{8}T\d{6}Z$")
# Units handled per step (bounded memory whatever the size of the memory).
CHUNK = 1024
PROP_MEMO = 4096  # distinct (key, value) props whose text is kept for the next units
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
        flags = gate.untranslated(chunk)
        parts = gate.clean_chunk(chunk, flags)
        if parts is None:
            parts = []
            for unit, untranslated in zip(chunk, flags, strict=True):
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
    # The text of each (key, value) prop written so far and the characters removed from it:
    # a run's units share a handful of beads and one document (bounded by PROP_MEMO).
    props: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)
    seg_open: tuple[str, str] = ("", "")

    def __post_init__(self) -> None:
        self.seg_open = (f'  <tuv xml:lang="{_attr(self.src)}">\n    <seg>',
                         f'</seg>\n  </tuv>\n  <tuv xml:lang="{_attr(self.tgt)}">\n    <seg>')

    def untranslated(self, chunk: Sequence[TranslationUnit]) -> list[bool]:
        """Which targets of ``chunk`` were labelled with the source language.

        The label is detected once, upstream (``align.pipeline`` labels every sentence when it
        segments; ``align.pipeline.label_targets`` labels a memory read from elsewhere), and
        carried on the unit (``target_lang``): this writer detects nothing itself.
        """
        s = base(self.src)
        if not self.drop_untranslated or s == base(self.tgt):
            return [False] * len(chunk)
        langs = [u.target_lang for u in chunk]
        try:  # each distinct label once (a run has a handful)
            judged = {lang: bool(lang) and base(lang) == s for lang in set(langs)}
        except TypeError:  # an unhashable label: one by one, as it always was
            return [bool(lang) and base(lang) == s for lang in langs]
        return [judged[lang] for lang in langs]

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

    def clean_chunk(self, chunk: Sequence[TranslationUnit], flags: Sequence[bool]) -> list[str] | None:
        """The ``<tu>`` of each unit of ``chunk`` kept, as ``element`` makes them, when no
        text of the chunk holds a character XML forbids (the usual case), else None (before
        anything is counted: the chunk then goes unit by unit).

        The check is one UTF-8 encoding of the chunk's strings (a lone surrogate fails it)
        and C-level scans of its bytes, where ``clean_xml_text`` ran a regular expression
        over each text (0.3 s for the 200,000 sentences of a 100k run); in UTF-8 an ASCII
        byte only ever stands for itself, so the same scans say whether any text needs an
        escape (most chunks: none does, and the texts go in as they are)."""
        strings: list[str] = []
        try:
            for u in chunk:
                strings += (u.source, u.target, u.tuid, u.bead, u.document)
                for key, value in u.props:
                    strings += (key, value)
            data = "\x00".join(strings).encode("utf-8")
        except (TypeError, ValueError, AttributeError):  # not plain text: unit by unit says what is wrong
            return None
        if (data.count(0) != len(strings) - 1 or len(data.translate(None, _ILLEGAL_BYTES)) != len(data)
                or b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data):
            return None
        sources = [u.source for u in chunk]
        targets = [u.target for u in chunk]
        if any(c in data for c in (b"&", b"<", b">", b"\r")):
            sources, targets = list(map(_text, sources)), list(map(_text, targets))
        summary = self.summary
        src_open, tgt_open = self.seg_open
        end = "</seg>\n  </tuv>\n</tu>\n"
        parts: list[str] = []
        for u, untranslated, source, target in zip(chunk, flags, sources, targets, strict=True):
            if not u.source.strip() or not u.target.strip():
                summary.skipped_empty += 1
                continue
            if untranslated:
                summary.untranslated_skipped += 1
                summary.untranslated.append(u.tuid or u.source[:60])
                continue
            if self.merge and self._duplicate(u.source, u.target):
                summary.duplicates_merged += 1
                continue
            head = f'<tu tuid="{_attr(u.tuid)}">\n' if u.tuid else "<tu>\n"
            removed = 0
            if type(u.score) is float:
                head += f'  <prop type="x-score">{u.score:.4f}</prop>\n'
            else:
                text, removed = self._prop("x-score", f"{u.score:.4f}")
                head += text
            head += self._prop("x-bead", u.bead)[0]
            if u.document:
                head += self._prop("x-document", u.document)[0]
            for key, value in u.props:
                head += self._prop(key, value)[0]
            if removed:
                summary.illegal_chars_removed += removed
            parts += (head, src_open, source, tgt_open, target, end)
            summary.written += 1
        return parts

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
        n = 0
        if type(u.score) is float:  # digits, a point, a sign, nan or inf: nothing to clean or escape
            parts.append(f'  <prop type="x-score">{u.score:.4f}</prop>\n')
        else:
            text, n = self._prop("x-score", f"{u.score:.4f}")
            parts.append(text)
        props = [("x-bead", u.bead), ("x-document", u.document)] if u.document else [("x-bead", u.bead)]
        for key, value in (*props, *u.props):
            text, k = self._prop(key, value)
            n += k
            parts.append(text)
        if n:
            self.summary.illegal_chars_removed += n
        src_open, tgt_open = self.seg_open
        parts.append(f"{src_open}{_text(source)}{tgt_open}{_text(target)}</seg>\n  </tuv>\n</tu>\n")
        return "".join(parts)

    def _prop(self, key: str, value: str) -> tuple[str, int]:
        """One ``<prop>`` line and how many characters were removed from its value."""
        done = self.props.get((key, value))
        if done is None:
            text, n = clean_xml_text(value)
            done = (f'  <prop type="{_attr(clean_xml_text(key)[0])}">{_text(text)}</prop>\n', n)
            if len(self.props) < PROP_MEMO:
                self.props[(key, value)] = done
        return done
