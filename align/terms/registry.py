"""The check registry, translate-toolkit style: one function per check.

A check is a generator over a :class:`~align.terms.context.Context` yielding
:class:`Hit` records; ``@check("error")`` registers it with its id (the function name),
its title (the first line of its docstring) and its severity. The registry turns hits into
:class:`~align.model.Finding` records with a stable id, so a check never builds ids or
knows about ``--ignore``. Checks are registered explicitly by decoration, not discovered by
scanning ``dir()``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from align.model import Finding
from align.terms.text import fold

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Hit:
    """What a check saw: the term, what was found and expected, where (segment + spans)."""

    segment: int
    term: str
    found: str
    expected: str
    message: str
    source_span: tuple[int, int] = (0, 0)
    target_span: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Check:
    """A registered check: id, title, severity, and whether it needs the source side."""

    id: str
    title: str
    severity: str
    bilingual: bool
    run: Callable[..., Iterator[Hit]]
    description: str = ""
    family: str = "terms"
    # Reads ``Context.discovered``: run once discovery is done (the job discovers terms
    # while its helper process runs the other checks, align.runtime), every other check before.
    uses_discovery: bool = False
    # Asks the language detector: run by the job's process, whose detector's models are
    # loaded already (the helper's are not: loading them there held a check up 0.7 s).
    uses_detector: bool = False


CHECKS: dict[str, Check] = {}
# The registry's order (findings, reports) is the modules' order below, then each module's
# own, whichever module is imported first (``align.terms.ahead`` imports two of them).
MODULES = ("checks_codes", "checks_complete", "checks_glossary", "checks_segments", "checks_typo")
_PLACE: dict[str, tuple[int, int]] = {}


def _rank(module: str) -> int:
    name = module.rsplit(".", 1)[-1]
    return MODULES.index(name) if name in MODULES else len(MODULES)


def check(severity: str, bilingual: bool = True, title: str = "", family: str = "terms",
          uses_discovery: bool = False, uses_detector: bool = False,
          ) -> Callable[[Callable[..., Iterator[Hit]]], Callable]:
    """Register a check; ``bilingual=False`` marks one that also runs on a target text alone.

    ``title`` is the plain name a reviewer reads in every report ("Term not translated as
    in the glossary"): it never carries sample text. The docstring's first line, which
    may give an example, is the ``description``. ``family`` groups checks in the report
    (terms, numbers, names, typography, layout, completeness, consistency).
    ``uses_discovery``: the check reads the discovered terms; ``uses_detector``: it asks
    the language detector (see :class:`Check`).
    """

    def register(fn: Callable[..., Iterator[Hit]]) -> Callable[..., Iterator[Hit]]:
        doc = (fn.__doc__ or fn.__name__).strip().splitlines()[0].rstrip(".")
        CHECKS[fn.__name__] = Check(fn.__name__, title or doc, severity, bilingual, fn, doc, family, uses_discovery,
                                    uses_detector)
        _PLACE.setdefault(fn.__name__, (_rank(fn.__module__), len(_PLACE)))
        ordered = sorted(CHECKS.values(), key=lambda c: _PLACE[c.id])
        CHECKS.clear()
        CHECKS.update((c.id, c) for c in ordered)
        return fn

    return register


def finding_id(check_id: str, term: str, source: str, target: str, found: str) -> str:
    """Stable across runs and re-alignments: hashed from the check, term and segment *texts*.

    Bead numbers change when the alignment changes; the texts do not, so a reviewer's
    ``--ignore`` decision keeps applying (folded, so a typography fix does not reset it).
    """
    key = "|".join((_folded(check_id), _folded(term), _folded(source), _folded(target), _folded(found)))
    return f"{check_id}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


@lru_cache(maxsize=1 << 12)
def _folded(text: str) -> str:
    """:func:`fold`, remembered: a unit's texts are folded for each of its findings (a
    document's 26,000 findings folded their two texts each), check ids and terms recur."""
    return fold(text)


def group_id(check_id: str, term: str, found: str, expected: str) -> str:
    """Identical findings (same check, term, words found and expected) share this id."""
    key = "|".join((_folded(check_id), _folded(term), _folded(found), _folded(expected)))
    return f"g-{check_id}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"


def to_finding(c: Check, hit: Hit, bead: str, source: str, target: str, severity: str = "",
               unit_type: str = "", confidence: float = 1.0) -> Finding:
    """A registry hit as the Finding the reports and ``--ignore`` use."""
    return Finding(
        finding_id(c.id, hit.term, source, target, hit.found), c.id, severity or c.severity, hit.term, hit.found,
        hit.expected, bead, source, target, hit.message, hit.source_span, hit.target_span, unit_type,
        round(confidence, 4), group_id(c.id, hit.term, hit.found, hit.expected),
    )
