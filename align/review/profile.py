"""Rules a reviewer makes go into the project profile (``align.toml``), where the next run reads them.

"Never flag *Candide* as not kept" becomes ``{ term = "Candide", check = "name_not_kept" }``
in ``[checks] ignore`` — the profile format of :mod:`align.settings`, by term and check,
never a hash id; "this check is off" (no term) goes to ``[checks] disable``. The file is
edited with tomlkit, which keeps the team's comments and layout, and written atomically.
Only the entries the review added are ever removed again (on undo): a rule already in the
profile by hand stays.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import tomlkit

from align.errors import UsageError
from align.review.log import Rule
from align.review.store import write_text_atomic
from align.settings import PROFILE_NAME, parse_profile

Key = tuple[str, str]  # (check, term); term "" = the whole check; check "" = a passage left in English on purpose


def profile_path(directory: Path, explicit: str | None = None) -> Path:
    """``--profile FILE``, else the project's ``./align.toml`` when there is one, else ``DIR/align.toml``.

    The last keeps every file the review writes inside the folder under review; a team
    that has no profile yet can pass it to the next run with ``--profile``.
    """
    if explicit:
        return Path(explicit).resolve()
    here = Path.cwd() / PROFILE_NAME
    return here.resolve() if here.is_file() else directory / PROFILE_NAME


def rule_key(rule: Rule) -> Key:
    return (rule.check, rule.term)


def _entries(doc: tomlkit.TOMLDocument) -> set[Key]:
    checks = doc.get("checks", {})
    ignore = {(str(e.get("check", "")), str(e.get("term", ""))) for e in checks.get("ignore", []) if hasattr(e, "get")}
    return (ignore | {(str(c), "") for c in checks.get("disable", [])}
            | {("", str(t)) for t in checks.get("intentional_english", [])})


def _key(name: str, item: object) -> Key:
    if name == "ignore":
        return (str(item.get("check", "")), str(item.get("term", ""))) if hasattr(item, "get") else ("?", "?")
    return (str(item), "") if name == "disable" else ("", str(item))


def present(path: Path) -> set[Key]:
    """The rules the profile holds now (term rules and whole checks switched off)."""
    if not path.is_file():
        return set()
    return _entries(tomlkit.parse(path.read_text(encoding="utf-8")))


def sync(path: Path, wanted: Iterable[Rule], added_before: Iterable[Key], passages: Iterable[str] = ()) -> set[Key]:
    """Make the profile hold ``wanted`` rules and ``passages`` (English left on purpose, for
    ``intentional_english``); drop what the review added before and no longer wants.

    Returns the keys the review has added (to record in review.json for the next sync).
    """
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    try:
        doc = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError as exc:
        raise UsageError(f"{path}: not valid TOML ({exc}); the rule is kept in review.json only") from exc
    want = {rule_key(r) for r in wanted} | {("", p) for p in passages}
    have = _entries(doc)
    added = (set(added_before) & have & want) | (want - have)
    drop = (set(added_before) & have) - want
    if not (want - have) and not drop:
        return added
    checks = doc.get("checks")
    if checks is None:
        checks = tomlkit.table()
        doc["checks"] = checks
    for name in ("ignore", "disable", "intentional_english"):
        if name in checks and any(_key(name, e) in drop for e in checks[name]):
            kept = tomlkit.array()
            kept.extend([e for e in checks[name] if _key(name, e) not in drop])
            checks[name] = kept
    for check, term in sorted(want - have):
        if check and term:
            entry = tomlkit.inline_table()
            entry.update({"term": term, "check": check})
            checks.setdefault("ignore", tomlkit.array()).append(entry)
        elif check:
            checks.setdefault("disable", tomlkit.array()).append(check)
        else:
            checks.setdefault("intentional_english", tomlkit.array()).append(term)
    for name in ("ignore", "disable", "intentional_english"):
        if name in checks and len(checks[name]) > 1:
            checks[name].multiline(True)
    out = tomlkit.dumps(doc)
    parse_profile(out, str(path))  # what we write, the next run must read
    write_text_atomic(path, out)
    os.chmod(path, 0o644)
    return added
