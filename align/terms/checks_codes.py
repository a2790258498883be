"""Things a translation copies exactly: URLs, e-mail addresses, codes, placeholders, tags.

A URL or a product code is not translated; a placeholder (``{0}``, ``%s``, ``<b>``) left
out or added breaks the software that fills it in. Each is compared as a multiset between
source and target: a source item the target does not hold (the same number of times) is
reported; placeholders and tags also when the target adds one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from align.terms.context import Context
from align.terms.names import localisations
from align.terms.registry import ERROR, WARNING, Hit, check

URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"«»]+|\bwww\.[^\s<>\"«»]+", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
PLACEHOLDER = re.compile(r"\{\d*\}|\{[A-Za-z_][\w.]*\}|%(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?[sdifgxXeEuc@](?![A-Za-z])"
                         r"|\$\{\w+\}|\$[A-Za-z_]\w*|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>|&[a-z]+;")
# A code: letters and digits in one token (COVID-19, A320, H1N1, ISO-9001, SARS-CoV-2), not
# an ordinal, a decade, a unit (1st, 1930s, 5km, 10am) or a mere number.
CODE = re.compile(r"(?<![\w@/.-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w@/-])")
_NOT_CODE = re.compile(r"\d+(st|nd|rd|th|s|er|re|e|ème|eme|es|km|m|cm|mm|kg|g|mg|ml|l|h|min|am|pm|k|bn|x|d|"
                       r"kb|mb|gb|tb|ghz|mhz|hz|w|kw|mw|v)", re.IGNORECASE)
_TRAIL = ".,;:!?)]}’'\""
# Cheap tests before the patterns above: a code holds a digit, a placeholder or tag one of
# these characters; most segments hold neither, and are passed over at C speed.
_DIGIT = re.compile(r"\d")
_PLACEHOLDER_MARK = re.compile(r"[{%$<&]")


def _urls(text: str) -> list[str]:
    """The addresses of ``text``; one needs ``://`` or ``www.`` (any case), looked for first at C speed."""
    if "://" not in text and not _WWW.search(text):
        return []
    return [m.group().rstrip(_TRAIL) for m in URL.finditer(text)]


# What ``URL``'s second branch needs; case-insensitive ``w`` is only ``w`` and ``W`` (tested).
_WWW = re.compile(r"[wW][wW][wW]\.")


def _missing(source: list[str], target: list[str]) -> list[str]:
    left = Counter(target)
    out = []
    for item in source:
        if left[item]:
            left[item] -= 1
        else:
            out.append(item)
    return out


def _hits(ctx: Context, k: int, items: list[str], label: str, expected_in: str) -> Iterator[Hit]:
    seg = ctx.segments[k]
    for item in items:
        a = seg.unit.source.find(item)
        yield Hit(k, item, "", item, f"{label} “{item}” is not in the {expected_in}",
                  (a, a + len(item)) if a >= 0 else (0, 0))


def _bilingual(ctx: Context) -> Iterator[int]:
    return (k for k, seg in enumerate(ctx.segments) if seg.bilingual)


@check(ERROR, title="Web address differs from the source", family="codes")
def url_changed(ctx: Context) -> Iterator[Hit]:
    """A URL of the source is missing from the translation, or written differently."""
    for k in _bilingual(ctx):
        seg = ctx.segments[k]
        if src := _urls(seg.unit.source):  # no address in the source: nothing can be missing
            yield from _hits(ctx, k, _missing(src, _urls(seg.unit.target)), "web address", "translation")


@check(ERROR, title="E-mail address differs from the source", family="codes")
def email_changed(ctx: Context) -> Iterator[Hit]:
    """An e-mail address of the source is missing from the translation, or written differently."""
    for k in _bilingual(ctx):
        seg = ctx.segments[k]
        if "@" not in seg.unit.source:
            continue  # every address holds one
        src = [m.group() for m in EMAIL.finditer(seg.unit.source)]
        tgt = [m.group() for m in EMAIL.finditer(seg.unit.target)]
        yield from _hits(ctx, k, _missing(src, tgt), "e-mail address", "translation")


def _code(token: str) -> str:
    """``token`` as a code, or "" when it is a number with a word (``30-day``, ``2-week``).

    A code has a part mixing letters and digits (``A320``, ``H1N1``) or a capitalised part
    beside a number (``COVID-19``); lower-case words at its ends are English compounding
    (``COVID-19-induced`` holds the code ``COVID-19``).
    """
    parts = token.split("-")
    while parts and parts[-1].isalpha() and parts[-1].islower():
        parts.pop()
    while parts and parts[0].isalpha() and parts[0].islower():
        parts.pop(0)
    mixed = any(any(c.isdigit() for c in p) and any(c.isalpha() for c in p) for p in parts)
    caps = any(p.isalpha() and p[:1].isupper() for p in parts) and any(p.isdigit() for p in parts)
    return "-".join(parts) if (mixed or caps) and not _NOT_CODE.fullmatch("-".join(parts)) else ""


def codes(text: str) -> list[str]:
    """Alphanumeric codes of ``text`` (``COVID-19``, ``A320``), outside URLs and e-mails."""
    masked = EMAIL.sub(" ", URL.sub(" ", PLACEHOLDER.sub(" ", text)))
    return [c for m in CODE.finditer(masked) if (c := _code(m.group()))]


def _code_kept(code: str, target: str, target_codes: Counter[str]) -> bool:
    """The code as it is, or with a localised acronym part (``SARS-CoV-2`` → ``SRAS-CoV-2``)."""
    if target_codes[code] or any(f"-{code}-" in f"-{t}-" for t in target_codes if target_codes[t]):
        return True  # as it is, or inside a longer code (WIV1 in SL-CoV-WIV1)
    parts = code.split("-")
    for i, p in enumerate(parts):
        for loc in localisations().get(p, ()):
            if target_codes["-".join([*parts[:i], loc, *parts[i + 1:]])]:
                return True
    return False


@check(ERROR, title="Code differs from the source", family="codes")
def code_changed(ctx: Context) -> Iterator[Hit]:
    """An alphanumeric code (``COVID-19``, ``A320``, ``H1N1``) of the source is not in the translation."""
    for k in _bilingual(ctx):
        seg = ctx.segments[k]
        if not _DIGIT.search(seg.unit.source):
            continue  # every code holds a digit: none in the source, none can be missing
        wanted = codes(seg.unit.source)
        if not wanted:
            continue
        have = Counter(codes(seg.unit.target))
        missing = []
        for c in wanted:
            if _code_kept(c, seg.unit.target, have):
                have[c] -= 1
            else:
                missing.append(c)
        yield from _hits(ctx, k, missing, "code", "translation")


def placeholders(text: str) -> list[str]:
    return [m.group() for m in PLACEHOLDER.finditer(text)]


@check(ERROR, title="Placeholder or tag differs from the source", family="codes")
def placeholder_changed(ctx: Context) -> Iterator[Hit]:
    """A placeholder or tag (``{0}``, ``%s``, ``<b>``) dropped from the translation, or one added."""
    for k in _bilingual(ctx):
        seg = ctx.segments[k]
        if not (_PLACEHOLDER_MARK.search(seg.unit.source) or _PLACEHOLDER_MARK.search(seg.unit.target)):
            continue  # every placeholder and tag holds one of these characters
        src, tgt = placeholders(seg.unit.source), placeholders(seg.unit.target)
        yield from _hits(ctx, k, _missing(src, tgt), "placeholder", "translation")
        for extra in _missing(tgt, src):
            a = seg.unit.target.find(extra)
            yield Hit(k, extra, extra, "", f"placeholder “{extra}” is not in the source",
                      target_span=(a, a + len(extra)))


__all__ = ["WARNING", "codes", "placeholders"]
