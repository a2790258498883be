"""What a project decides about its checks, as one frozen value the term stage is given.

A reviewer's decisions must apply to the next run: which checks run, how severe each is,
what is accepted (a finding id, or a rule "this term, this check"), which passages are
English on purpose (a slogan, a title). The project profile (``align.toml``, read by the
front door) builds a :class:`CheckSettings`; the term stage only reads it, so the same
value gives the same findings wherever it is used (``align run``, ``align terms``, batch).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from align.errors import DataError
from align.model import Finding
from align.terms.text import fold

SEVERITIES = ("error", "warning", "info")
SHOWN_PER_CHECK = 20  # segment-consistency checks: groups shown in the report, the rest counted


@dataclass(frozen=True, slots=True)
class IgnoreRule:
    """Accept every finding of ``check`` on ``term`` (``""`` = any term, or any check)."""

    term: str = ""
    check: str = ""

    def matches(self, f: Finding) -> bool:
        return (not self.check or self.check == f.check) and (not self.term or fold(self.term) == fold(f.term))


@dataclass(frozen=True)
class CheckSettings:
    """Checks on/off, severities, accepted findings, intentional English (all optional)."""

    disabled: frozenset[str] = frozenset()
    only: frozenset[str] = frozenset()
    severities: tuple[tuple[str, str], ...] = ()
    ignore_ids: frozenset[str] = frozenset()
    ignore_rules: tuple[IgnoreRule, ...] = ()
    intentional_english: tuple[str, ...] = ()
    shown_per_check: int = SHOWN_PER_CHECK
    discover: bool = True
    _folded_english: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = tuple(passage_key(t) for t in self.intentional_english)
        object.__setattr__(self, "_folded_english", tuple(k for k in keys if k))

    def enabled(self, check_id: str) -> bool:
        return check_id not in self.disabled and (not self.only or check_id in self.only)

    def severity(self, check_id: str, default: str) -> str:
        return dict(self.severities).get(check_id, default)

    def ignored(self, f: Finding) -> bool:
        return f.id.split(".", 1)[0] in self.ignore_ids or any(r.matches(f) for r in self.ignore_rules)

    def english_on_purpose(self, text: str) -> bool:
        """``text`` is (or holds) a passage the project keeps in English on purpose."""
        key = passage_key(text)
        return bool(key) and any(e == key or e in key for e in self._folded_english)


DEFAULT = CheckSettings()


def passage_key(text: str) -> str:
    """A passage compared without case, accents, punctuation or spacing."""
    return " ".join("".join(c if c.isalnum() else " " for c in fold(text)).split())


def from_mapping(data: Mapping[str, Any], known: Iterable[str]) -> CheckSettings:
    """Settings from a profile's ``[checks]`` table (``align.toml``), validated.

    ``{"disable": [...], "only": [...], "severity": {check: level}, "ignore": [{"term":…,
    "check":…} | "finding-id"], "intentional_english": [...]}``; an unknown check name or
    severity is a data error naming it (a typo must not silently switch nothing off).
    """
    names = set(known)
    allowed = {"disable", "disabled", "only", "severity", "severities", "ignore", "intentional_english",
               "shown_per_check", "discover"}
    extra = set(data) - allowed
    if extra:
        raise DataError(f"checks: unknown setting {sorted(extra)[0]!r} (known: {', '.join(sorted(allowed))})")

    def checks(key: str) -> frozenset[str]:
        values = data.get(key, [])
        if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
            raise DataError(f"checks.{key}: expected a list of check names")
        bad = [v for v in values if v not in names]
        if bad:
            raise DataError(f"checks.{key}: unknown check {bad[0]!r}")
        return frozenset(values)

    sev = data.get("severity", data.get("severities", {}))
    if not isinstance(sev, Mapping):
        raise DataError("checks.severity: expected a table of check = severity")
    for k, v in sev.items():
        if k not in names:
            raise DataError(f"checks.severity: unknown check {k!r}")
        if v not in SEVERITIES:
            raise DataError(f"checks.severity.{k}: {v!r} is not one of {', '.join(SEVERITIES)}")
    ids, rules = [], []
    for item in data.get("ignore", []):
        if isinstance(item, str):
            ids.append(item)
        elif isinstance(item, Mapping) and set(item) <= {"term", "check"}:
            if item.get("check") and item["check"] not in names:
                raise DataError(f"checks.ignore: unknown check {item['check']!r}")
            rules.append(IgnoreRule(str(item.get("term", "")), str(item.get("check", ""))))
        else:
            raise DataError("checks.ignore: each entry is a finding id or {term = …, check = …}")
    english = data.get("intentional_english", [])
    if not isinstance(english, list) or not all(isinstance(t, str) for t in english):
        raise DataError("checks.intentional_english: expected a list of passages")
    return CheckSettings(
        disabled=checks("disable") | checks("disabled"), only=checks("only"),
        severities=tuple(sorted(sev.items())), ignore_ids=frozenset(ids), ignore_rules=tuple(rules),
        intentional_english=tuple(english), shown_per_check=int(data.get("shown_per_check", SHOWN_PER_CHECK)),
        discover=bool(data.get("discover", True)),
    )
