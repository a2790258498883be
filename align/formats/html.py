"""HTML (``.html``, ``.htm``, a saved web page): the main text's blocks, never its markup.

Parsed by lxml's HTML parser with no network access; scripts, styles, forms and the
page's furniture (``nav``, ``header``, ``footer``, ``aside``, cookie banners) are dropped.
A saved web article keeps its main text only: the ``<main>`` or ``<article>`` element
when the page has one, else the element holding the most paragraph text (the text-density
idea behind readability and trafilatura; trafilatura itself pulls a dozen web-crawling
dependencies this toolkit does not need). Headings, paragraphs, list items, table cells,
quotes and captions become blocks; ``<hr>`` and each heading start a new passage.
"""

from __future__ import annotations

import re

from lxml import etree, html

from align.errors import DataError
from align.formats.document import BREAK, CELL, HEADING, LINE_BREAK, LIST_ITEM, PARAGRAPH, QUOTE, Grouper, ReadDocument
from align.io import decode

DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button",
        "select", "textarea", "svg", "iframe", "object", "head")
BLOCKS = {
    **{f"h{i}": HEADING for i in range(1, 7)}, "p": PARAGRAPH, "li": LIST_ITEM, "td": CELL, "th": CELL,
    "blockquote": QUOTE, "pre": PARAGRAPH, "dt": PARAGRAPH, "dd": PARAGRAPH, "figcaption": PARAGRAPH,
    "caption": PARAGRAPH, "div": PARAGRAPH, "section": PARAGRAPH, "article": PARAGRAPH, "main": PARAGRAPH,
    "body": PARAGRAPH, "address": PARAGRAPH, "center": PARAGRAPH,
}
_INLINE_BREAK = ("br",)
# Classes and ids of page furniture that is not the article (cookie banners, share bars…).
_FURNITURE = ("cookie", "banner", "share", "social", "newsletter", "related", "comment", "sidebar", "menu",
              "breadcrumb", "advert", "promo", "subscribe")


def _parser() -> html.HTMLParser:
    return html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True)


def _furniture(el: etree._Element) -> bool:
    label = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}".lower()
    return el.get("role") in ("navigation", "banner", "contentinfo", "complementary") or \
        any(word in label for word in _FURNITURE)


def main_content(root: etree._Element) -> etree._Element:
    """``<main>``, else the single ``<article>``, else the element with the most ``<p>`` text."""
    for path in ("//main", "//*[@role='main']", "//article"):
        found = root.xpath(path)
        if len(found) == 1 or (found and path != "//article"):
            return found[0]
    scores: dict[etree._Element, int] = {}
    for p in root.iter("p"):
        parent = p.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + len(p.text_content())
    body = root.find("body")
    best = max(scores, key=scores.get, default=None)  # type: ignore[arg-type]
    total = sum(scores.values())
    # The densest element is the article only when it holds most of the page's paragraph text.
    if best is not None and scores[best] >= 0.5 * total:
        return best
    return body if body is not None else root


def _walk(el: etree._Element, g: Grouper, out: list[str]) -> None:
    """Text of ``el`` into blocks: a block element flushes the text gathered so far."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("hr",):
        _flush(g, out, PARAGRAPH)
        g.extend([(BREAK, "")])
    elif tag in _INLINE_BREAK:
        out.append(LINE_BREAK)
    elif tag in BLOCKS:
        _flush(g, out, PARAGRAPH)
        if tag.startswith("h") and tag[1:].isdigit():
            g.new_passage()
        inner: list[str] = [el.text or ""]
        for child in el:
            _walk(child, g, inner)
        _flush(g, inner, BLOCKS[tag])
    else:
        out.append(el.text or "")
        for child in el:
            _walk(child, g, out)
    out.append(el.tail or "")


def _flush(g: Grouper, parts: list[str], kind: str) -> None:
    text = "".join(parts)
    parts.clear()
    if text.strip():
        g.add(kind, text)


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def page_text(data: bytes, name: str) -> str:
    """The page decoded by its declared ``<meta charset>``, else strictly as UTF-8 (as any text)."""
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        charset = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(charset)
        except LookupError:
            pass
        except UnicodeDecodeError as exc:
            raise DataError(f"{name}: not valid {charset} as its <meta charset> says (byte {exc.start})") from exc
    return _XML_DECL.sub("", decode(data, name))


def read_html(data: bytes, name: str) -> ReadDocument:
    """The main text of an HTML page, its blocks in order."""
    try:
        root = html.document_fromstring(page_text(data, name), parser=_parser())
    except (etree.ParserError, ValueError) as exc:
        raise DataError(f"{name}: not a readable HTML page ({exc})") from exc
    for el in list(root.iter(*DROP)):
        el.drop_tree()
    for el in [e for e in root.iter() if isinstance(e.tag, str) and e.tag in ("div", "section", "ul", "table")
               and _furniture(e)]:
        if el.getparent() is not None:
            el.drop_tree()
    g = Grouper()
    _walk(main_content(root), g, [])
    if not g.blocks:
        raise DataError(f"{name}: the HTML page holds no text")
    return ReadDocument(name, "HTML", tuple(g.blocks))
