"""Language codes: BCP 47 tags as TMX 1.4b and CAT tools expect them.

``fr_FR`` (a POSIX locale) is the commonest reason a CAT tool skips every unit of a TMX,
so it is refused with the fix rather than silently rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from align.errors import UsageError

_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-[A-Za-z0-9]{5,8})*"
                  r"(-[A-WY-Za-wy-z0-9](-[A-Za-z0-9]{2,8})+)*(-[Xx](-[A-Za-z0-9]{1,8})+)?$")
"""BCP 47 (RFC 5646): language, script, region, variants, extensions and a private-use part
(``en-x-custom``, which CAT tools use for house variants)."""



@dataclass(frozen=True)
class Language:
    """A language the toolkit segments and detects: Punkt parameters, rules, word lists."""

    code: str  # ISO 639-1, the base of any tag the user gives (``fr`` for ``fr-CA``)
    name: str


# The language registry: every other module asks it instead of writing ("en", "fr") out.
LANGUAGES = {lang.code: lang for lang in (Language("en", "English"), Language("fr", "French"))}
SUPPORTED = tuple(LANGUAGES)
DEFAULT_SOURCE, DEFAULT_TARGET = "en", "fr"


def check_tag(tag: str) -> str:
    """Return ``tag`` in canonical case (``fr-FR``) or raise a usage error that says the fix."""
    if "_" in tag:
        raise UsageError(f"language code {tag!r} is not BCP 47", hint=f"use {tag.replace('_', '-')!r}")
    if not _TAG.match(tag):
        raise UsageError(f"unknown language code {tag!r}", hint="use a BCP 47 tag such as en, en-US, fr-FR")
    parts = tag.split("-")
    out = [parts[0].lower()]
    for k, p in enumerate(parts[1:], 1):
        if len(parts[k - 1]) == 1 or (out and len(out[-1]) == 1) or any(len(q) == 1 for q in parts[1:k]):
            out.append(p.lower())  # inside an extension or the private-use part: lower case
        else:
            out.append(p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p)
    return "-".join(out)


def base(tag: str) -> str:
    """The primary language subtag, lower case: ``EN-us`` → ``en``."""
    return tag.split("-")[0].split("_")[0].lower()


def check_supported(tag: str) -> str:
    """A tag whose base language the segmenter knows (en or fr)."""
    canonical = check_tag(tag)
    if base(canonical) not in SUPPORTED:
        raise UsageError(f"unsupported language {tag!r}", hint="this toolkit segments en and fr")
    return canonical


def same_language(a: str, b: str) -> bool:
    """``en`` matches ``en-US`` and ``EN-us``; ``en-GB`` does not match ``en-US``."""
    pa, pb = a.lower().replace("_", "-").split("-"), b.lower().replace("_", "-").split("-")
    return pa[0] == pb[0] and (len(pa) == 1 or len(pb) == 1 or pa[1:] == pb[1:])


def language_name(tag: str) -> str:
    """``fr-CA`` → ``French``: how a message names a language to a translator."""
    lang = LANGUAGES.get(base(tag))
    return lang.name if lang else tag


def candidates(*tags: str) -> tuple[str, ...]:
    """The base languages to detect between, for a job in ``tags``: each known base once,
    in order (``en-US``, ``fr-FR`` → ``en``, ``fr``); every known language when none is."""
    found = tuple(dict.fromkeys(base(t) for t in tags if base(t) in LANGUAGES))
    return found if len(found) > 1 else SUPPORTED
