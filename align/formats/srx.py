"""Reading SRX 2.0 files (LISA Segmentation Rules eXchange) into frozen rule records.

The file is user XML, so it is parsed with the safe parser (no entities, no DTD, no
network); applying the rules is the pure segmenter's job (``align.segment.srx``).
"""

from __future__ import annotations

from lxml import etree

from align.errors import DataError
from align.io import safe_xml_parser
from align.model import SrxRule, SrxRules


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
