"""The project profile, ``align.toml``: one file a team shares so every run uses the same settings.

    source_lang = "en-US"
    target_lang = "fr-FR"
    glossary = "termbase.tbx"        # paths are relative to the profile's folder
    min_score = 0.5
    srx = "omegat"                   # or a file; srx_lang = "fr"; wrapped = false
    ignore_file = "accepted.json"    # finding ids a reviewer accepted

    [checks]
    disable = ["name_variant"]
    severity = { term_missing = "warning" }
    ignore = [{ term = "Candide", check = "name_not_kept" }, "f3a9c2d1e0"]
    intentional_english = ["Focus beats funding."]

    [align]                          # any AlignConfig field (docs/alignment.md)
    max_bead = 4

Parsed with the standard library's ``tomllib``; pure (text in, ``RunSettings`` out), so
the front door reads the file and the CLI lays its options over it (``override``). A
misspelt key is refused with the key named: a typo must not silently switch nothing off.
"""

from __future__ import annotations

import os.path
import tomllib
from collections.abc import Mapping
from dataclasses import fields, replace
from typing import Any

from align.config import SEVERITIES, AlignConfig, CheckConfig, RunSettings, SegmentConfig
from align.errors import UsageError
from align.langcodes import check_supported

PROFILE_NAME = "align.toml"
_TOP = {"source_lang", "target_lang", "glossary", "ignore_file", "min_score", "srx", "srx_lang", "wrapped",
        "checks", "align"}
_CHECKS = {"disable", "disabled", "only", "severity", "severities", "ignore", "intentional_english", "discover",
           "shown_per_check", "source_language_sample"}


def parse_profile(text: str, path: str = PROFILE_NAME) -> RunSettings:
    """``RunSettings`` from the text of an ``align.toml`` found at ``path``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML ({exc})") from exc
    _known(data, _TOP, path, "")
    folder = os.path.dirname(os.path.abspath(path))

    def where(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise UsageError(f"{path}: {key} must be a file name")
        return value if key == "srx" and os.sep not in value and "." not in value else os.path.join(folder, value)

    langs = {k: check_supported(_typed(data, k, str, path)) for k in ("source_lang", "target_lang") if k in data}
    segment = SegmentConfig(srx=where("srx"), srx_lang=data.get("srx_lang"),
                            wrapped=bool(_typed(data, "wrapped", bool, path, False)))
    align = _align(data.get("align", {}), path)
    if "min_score" in data:
        align = replace(align, min_score=_score(data["min_score"], path))
    return RunSettings(**langs, segment=segment, align=align, checks=_checks(data.get("checks", {}), path),
                       glossary=where("glossary"), ignore_file=where("ignore_file"), profile=path)


def override(settings: RunSettings, *, source_lang: str | None = None, target_lang: str | None = None,
             glossary: str | None = None, ignore_file: str | None = None, min_score: float | None = None,
             srx: str | None = None, srx_lang: str | None = None, wrapped: bool | None = None) -> RunSettings:
    """The profile with the options the user gave on the command line laid over it (None = not given)."""
    segment = settings.segment
    if srx is not None or srx_lang is not None or wrapped is not None:
        segment = replace(segment, srx=srx if srx is not None else segment.srx,
                          srx_lang=srx_lang if srx_lang is not None else segment.srx_lang,
                          wrapped=wrapped if wrapped is not None else segment.wrapped)
    align = settings.align if min_score is None else replace(settings.align, min_score=min_score)
    return replace(
        settings, source_lang=source_lang or settings.source_lang, target_lang=target_lang or settings.target_lang,
        glossary=glossary or settings.glossary, ignore_file=ignore_file or settings.ignore_file,
        segment=segment, align=align,
    )


def _known(data: Mapping[str, Any], allowed: set[str], path: str, table: str) -> None:
    extra = sorted(set(data) - allowed)
    if extra:
        raise UsageError(f"{path}: unknown setting {table}{extra[0]!r}",
                         hint="known: " + ", ".join(sorted(allowed)))


def _typed(data: Mapping[str, Any], key: str, kind: type, path: str, default: Any = None) -> Any:
    value = data.get(key, default)
    if value is not None and not isinstance(value, kind):
        raise UsageError(f"{path}: {key} must be a {kind.__name__}, not {value!r}")
    return value


def _score(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise UsageError(f"{path}: min_score must be a number from 0 to 1, not {value!r}")
    return float(value)


def _align(table: Any, path: str) -> AlignConfig:
    if not isinstance(table, Mapping):
        raise UsageError(f"{path}: [align] must be a table")
    types = {f.name: type(getattr(AlignConfig(), f.name)) for f in fields(AlignConfig) if f.name != "dictionary"}
    _known(table, set(types), path, "align.")
    values = {}
    for key, value in table.items():
        kind = types[key]
        ok = isinstance(value, kind) or (kind is float and isinstance(value, int) and not isinstance(value, bool))
        if not ok or (kind is int and isinstance(value, bool)):
            raise UsageError(f"{path}: align.{key} must be a {kind.__name__}, not {value!r}")
        values[key] = kind(value)
    if "min_score" in values:
        values["min_score"] = _score(values["min_score"], path)
    return AlignConfig(**values)


def _names(table: Mapping[str, Any], key: str, path: str) -> frozenset[str]:
    values = table.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise UsageError(f"{path}: checks.{key} must be a list of check names")
    return frozenset(values)


def _checks(table: Any, path: str) -> CheckConfig:
    """``[checks]``: the same keys as ``align.terms`` documents (disable, only, severity, ignore…)."""
    if not isinstance(table, Mapping):
        raise UsageError(f"{path}: [checks] must be a table")
    _known(table, _CHECKS, path, "checks.")
    severity = table.get("severity", table.get("severities", {}))
    if not isinstance(severity, Mapping):
        raise UsageError(f"{path}: checks.severity must be a table of check = severity")
    for check, level in severity.items():
        if level not in SEVERITIES:
            raise UsageError(f"{path}: checks.severity.{check} = {level!r} is not one of {', '.join(SEVERITIES)}")
    ids, rules = [], []
    for item in table.get("ignore", []):
        if isinstance(item, str):
            ids.append(item)
        elif isinstance(item, Mapping) and item and set(item) <= {"term", "check"}:
            rules.append((str(item.get("term", "")), str(item.get("check", ""))))
        else:
            raise UsageError(f"{path}: checks.ignore: each entry is a finding id or {{ term = …, check = … }}")
    english = table.get("intentional_english", [])
    if not isinstance(english, list) or not all(isinstance(t, str) for t in english):
        raise UsageError(f"{path}: checks.intentional_english must be a list of passages")
    return CheckConfig(
        disabled=_names(table, "disable", path) | _names(table, "disabled", path), only=_names(table, "only", path),
        severities=tuple(sorted(severity.items())), ignore_ids=frozenset(ids), ignore_rules=tuple(rules),
        intentional_english=tuple(english), discover=bool(_typed(table, "discover", bool, path, True)),
        shown_per_check=int(_typed(table, "shown_per_check", int, path, 20)),
        source_language_sample=max(0, int(_typed(table, "source_language_sample", int, path, 2000))),
    )
