"""The TMX reader: any TMX a CAT tool wrote, in constant memory, safe on hostile files.

``iterparse`` with element clearing keeps memory flat (each ``<tu>`` is dropped once read).
The parser keyword arguments come from :data:`align.io.SAFE_ITERPARSE`: no entity
expansion (billion laughs), no DTD loading and no network (XXE, external DTDs,
parameter entities), libxml2's default depth and text-size limits (``huge_tree`` off).

What real files contain and this reader accepts: TMX 1.4 ``xml:lang`` and TMX 1.1/1.2
``lang``; a default namespace on ``<tmx>``; UTF-8 with or without BOM and UTF-16 (libxml2
reads the BOM or the declaration); language tags in any case (``EN-us``); header
``srclang="*all*"``; inline codes (``bpt ept ph it ut`` dropped, ``hi`` kept as text).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO

from lxml import etree

from align.errors import DataError, UsageError
from align.io import SAFE_ITERPARSE
from align.langcodes import same_language as _same_language
from align.model import TranslationUnit

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Inline elements whose content is native code (a tag, a placeholder), not text (TMX 1.4b §3.7).
CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "ut"})
# Props the writer turns into TranslationUnit fields; others stay in ``props``.
FIELD_PROPS = ("x-score", "x-bead", "x-document")

Source = str | Path | IO[bytes]
# A memory holds a handful of distinct tags but calls this three times per unit.
same_language = lru_cache(maxsize=1024)(_same_language)


@dataclass(frozen=True, slots=True)
class Variant:
    """One ``<tuv>``: its language (as written), plain text, and whether markup was removed."""

    lang: str
    text: str
    markup: bool
    line: int = 0
    legacy: bool = False
    """True when the language came from TMX 1.1's ``lang`` instead of ``xml:lang``."""


@dataclass(frozen=True, slots=True)
class RawTu:
    """One ``<tu>`` as found, before choosing a language pair (stats and checks need this)."""

    tuid: str
    props: tuple[tuple[str, str], ...]
    variants: tuple[Variant, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class RawHeader:
    """The ``<tmx>`` version and the ``<header>`` attributes, as found."""

    version: str
    attrs: tuple[tuple[str, str], ...]
    line: int = 0

    def get(self, key: str) -> str | None:
        return dict(self.attrs).get(key)


def local(tag: object) -> str:
    """Element name without namespace; '' for comments, PIs and entity references."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def seg_text(seg: etree._Element) -> tuple[str, bool]:
    """The plain text of a ``<seg>`` and whether inline markup was reduced.

    ``bpt ept ph it ut`` hold native codes (``<b>``, ``{1}``) and are dropped with the
    ``sub`` flows inside them (a ``sub`` is a separate text, e.g. an ``alt`` attribute, and
    would corrupt the sentence if spliced in); ``hi`` wraps real text and is kept. Comments
    and processing instructions are skipped silently; their tails are text.
    """
    parts: list[str] = [seg.text or ""]
    had_markup = False
    for child in seg:
        name = local(child.tag)
        if name == "hi":
            parts.append(seg_text(child)[0])
        if name or isinstance(child, etree._Entity):
            had_markup = True
        parts.append(child.tail or "")
    return "".join(parts), had_markup


def tuv_lang(tuv: etree._Element) -> str:
    """TMX 1.4 ``xml:lang``, else TMX 1.1 ``lang``."""
    return tuv.get(XML_LANG) or tuv.get("lang") or ""


def _open(source: Source) -> str | IO[bytes]:
    if isinstance(source, str | Path):
        p = Path(source)
        if not p.is_file():
            raise UsageError(f"{p}: no such file" if not p.exists() else f"{p}: is not a file")
        return str(p)
    return source


def iter_tmx(source: Source) -> Iterator[RawHeader | RawTu]:
    """Yield the header, then every ``<tu>``, clearing each element once read.

    A file with no ``<tmx>`` root is a data error (an XLIFF passed by mistake would
    otherwise read as an empty memory).
    """
    version = None
    try:
        events = etree.iterparse(_open(source), events=("start", "end"),
                                 tag=("{*}tmx", "{*}tu", "{*}header"), **SAFE_ITERPARSE)
        for event, el in events:
            name = local(el.tag)
            if name == "tmx":
                version = el.get("version", "") if event == "start" else version
            elif event == "end" and name == "header":
                yield RawHeader(version or "", tuple(el.attrib.items()), el.sourceline or 0)
            elif event == "end" and name == "tu":
                yield _raw_tu(el)
                _release(el)
    except etree.XMLSyntaxError as exc:
        if "too long" in str(exc) or "Huge input" in str(exc):
            raise DataError(f"a segment is longer than libxml2's 10 MB limit ({exc})",
                            hint="align writes at most 1,000,000 characters per side of a unit") from exc
        raise DataError(f"not well-formed TMX: {exc}") from exc
    except OSError as exc:
        raise UsageError(f"cannot read TMX: {exc}") from exc
    if version is None:
        raise DataError("not a TMX file: no <tmx> element")


def _release(el: etree._Element) -> None:
    """Free a read ``<tu>`` and its already-read siblings (the iterparse memory idiom)."""
    el.clear(keep_tail=False)
    parent = el.getparent()
    while el.getprevious() is not None and parent is not None:
        del parent[0]


def _raw_tu(tu: etree._Element) -> RawTu:
    props: list[tuple[str, str]] = []
    variants: list[Variant] = []
    for child in tu:
        name = local(child.tag)
        if name == "prop":
            props.append((child.get("type", ""), child.text or ""))
        elif name == "tuv":
            seg = next((c for c in child if local(c.tag) == "seg"), None)
            text, markup = seg_text(seg) if seg is not None else ("", False)
            legacy = child.get(XML_LANG) is None and child.get("lang") is not None
            variants.append(Variant(tuv_lang(child), text, markup, child.sourceline or 0, legacy))
    return RawTu(tu.get("tuid", ""), tuple(props), tuple(variants), tu.sourceline or 0)


def pick_pair(raw: RawTu, src: str | None, tgt: str | None) -> tuple[Variant, Variant] | None:
    """The (source, target) variants of ``raw``; ``None`` for a TU without both non-empty.

    ``src``/``tgt`` match by :func:`align.langcodes.same_language` (``en`` ~ ``EN-us``);
    ``src=None`` (or ``*all*``) takes the first variant, ``tgt=None`` the first other language.
    """
    usable = [v for v in raw.variants if v.text.strip()]
    if src and src != "*all*":
        s = next((v for v in usable if same_language(v.lang, src)), None)
    else:
        s = usable[0] if usable else None
    if s is None:
        return None
    t = next((v for v in usable if v is not s and not same_language(v.lang, s.lang)
              and (tgt is None or same_language(v.lang, tgt))), None)
    return (s, t) if t is not None else None


def to_unit(raw: RawTu, s: Variant, t: Variant) -> TranslationUnit:
    """A TranslationUnit with our ``x-`` props turned back into fields."""
    p = dict(raw.props)
    try:
        score = float(p.get("x-score") or 1.0)
    except ValueError:
        score = 1.0
    return TranslationUnit(
        s.text, t.text, raw.tuid, score, p.get("x-bead") or "1-1", p.get("x-document", ""),
        tuple(kv for kv in raw.props if kv[0] not in FIELD_PROPS), s.markup or t.markup,
    )


def read_tmx_langs(
    source: Source, srclang: str | None = None, tgtlang: str | None = None
) -> Iterator[tuple[TranslationUnit, str, str]]:
    """Like :func:`read_tmx`, with the language tags (as written) of each unit's two sides.

    Once the first unit fixes the pair, later units must match it: a memory with en→fr and
    en→de units yields only the first pair met unless ``tgtlang`` says otherwise.
    """
    src = srclang
    for item in iter_tmx(source):
        if isinstance(item, RawHeader):
            src = src or item.get("srclang")
            continue
        pair = pick_pair(item, src, tgtlang)
        if pair is not None:
            s, t = pair
            src, tgtlang = src if src and src != "*all*" else s.lang, tgtlang or t.lang
            yield to_unit(item, s, t), s.lang, t.lang


def read_tmx(
    source: Source, srclang: str | None = None, tgtlang: str | None = None
) -> Iterator[TranslationUnit]:
    """Yield the translation units of a TMX file, in constant memory.

    ``srclang`` defaults to the header's; ``tgtlang`` to the first other language met.
    TUs lacking either side (or with an empty one) are not yielded; ``align tmx stats``
    counts them.
    """
    for unit, _s, _t in read_tmx_langs(source, srclang, tgtlang):
        yield unit


def read_pairs(source: Source, srclang: str | None = None, tgtlang: str | None = None) -> Iterator[tuple[str, str]]:
    """Just the (source, target) texts: the form MT training and evaluation scripts want."""
    for unit in read_tmx(source, srclang, tgtlang):
        yield unit.source, unit.target
