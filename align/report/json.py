"""``findings.json`` (everything a script needs) and the reviewer's ``--ignore`` list."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from json.encoder import encode_basestring
from typing import Any

from align import __version__
from align.errors import DataError
from align.model import Finding, TermStats
from align.report.plain import as_plain
from align.terms.groups import group_findings
from align.terms.registry import CHECKS
from align.terms.scores import document_scores
from align.terms.settings import SHOWN_PER_CHECK

OMISSION_CHECKS = ("omission", "length_mismatch")


GROUPING = (
    "Findings of one check with the same term, words found and words expected share a group id "
    "(finding.group); groups[] lists each group once with its count and all its units, errors first, "
    "then by units. 'shown' is false for groups the HTML report counts but does not list (segment-"
    "consistency checks beyond shown_per_check, any check beyond 200 groups); every finding is in findings[]."
)


def report_data(terms: Sequence[TermStats], findings: Sequence[Finding], name: str = "",
                ignored: int = 0, shown_per_check: int = SHOWN_PER_CHECK) -> dict[str, Any]:
    """The report as plain data: scores, checks, findings, their groups, terms (with their scores).

    Fields only get added (the review workbench reads this file): ``checks[].title`` is the
    plain name, ``description`` the example line; ``findings[]`` carry ``unit_type``,
    ``confidence`` and ``group``; ``groups[]`` and ``omissions[]`` are new lists.
    """
    scores = document_scores(terms)
    groups = group_findings(findings, list(CHECKS), shown_per_check)
    return {
        "tool": "align", "version": __version__, "document": name,
        "scores": {**asdict(scores), "glossary_given": scores.glossary_occurrences > 0}, "ignored": ignored,
        "checks": [{"id": c.id, "title": c.title, "description": c.description, "family": c.family,
                    "severity": next((f.severity for f in findings if f.check == c.id), c.severity),
                    "count": sum(f.check == c.id for f in findings),
                    "groups": sum(g.check == c.id for g in groups),
                    "shown": sum(g.check == c.id and g.shown for g in groups)} for c in CHECKS.values()],
        "findings": [as_plain(f) for f in findings],
        "grouping": GROUPING,
        "groups": [{"id": g.id, "check": g.check, "severity": g.severity, "term": g.term, "found": g.found,
                    "expected": g.expected, "count": g.count, "units": list(g.units),
                    "findings": [f.id for f in g.findings], "shown": g.shown} for g in groups],
        "omissions": [{"unit": f.bead, "check": f.check, "source": f.source, "target": f.target,
                       "message": f.message} for f in findings if f.check in OMISSION_CHECKS],
        "terms": [{**as_plain(t), "majority_share": round(t.majority_share, 4),
                   "consistency": round(t.consistency, 4), "compliance": round(t.compliance, 4)} for t in terms],
    }


def dumps(data: dict[str, Any]) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=1)`` and a newline, the same text.

    With ``indent`` the standard library encodes in pure Python, one generator step per
    value (0.6 s for the two files of a 20,000-sentence run); :func:`dumps_indented` writes
    the same characters with C-level string escapes and one list of parts.
    """
    return dumps_indented(data) + "\n"


class _Unusual(Exception):
    """A value the fast encoder leaves to the standard library (subclass, odd key, cycle)."""


def dumps_indented(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=1)``, character for character.

    Only the exact built-in types (dict with str keys, list, tuple, str, int, float, bool,
    None) are encoded here; anything else (a subclass, a non-str key, an unknown type, a
    cycle) makes the whole value go through the standard library, so its text, and its
    errors, stay the standard library's.
    """
    out: list[str] = []
    try:
        _value(data, 0, out)
    except (_Unusual, RecursionError):
        return json.dumps(data, ensure_ascii=False, indent=1)
    return "".join(out)


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return float.__repr__(o)


_INF = float("inf")


def _scalar(o: Any) -> str:
    """One value that is not a container, as JSON text (``_Unusual`` when not a plain type)."""
    t = type(o)
    if t is str:
        return encode_basestring(o)
    if t is int:
        return int.__repr__(o)
    if t is float:
        return _float(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    raise _Unusual


def _value(o: Any, level: int, out: list[str]) -> None:
    t = type(o)
    if t is dict:
        _dict(o, level, out)
    elif t is list or t is tuple:
        _list(o, level, out)
    else:
        out.append(_scalar(o))


# Line starts by depth ("\n" and one space per level), built once.
_NL = ["\n" + " " * n for n in range(64)]


def _nl(level: int) -> str:
    return _NL[level] if level < len(_NL) else "\n" + " " * level


def _dict(o: dict, level: int, out: list[str]) -> None:
    if not o:
        out.append("{}")
        return
    inner = _nl(level + 1)
    first = "{" + inner
    sep = "," + inner
    append = out.append
    for k, v in o.items():
        if type(k) is not str:
            raise _Unusual
        t = type(v)
        if t is str:
            append(first + encode_basestring(k) + ": " + encode_basestring(v))
        elif t is dict:
            append(first + encode_basestring(k) + ": ")
            _dict(v, level + 1, out)
        elif t is list or t is tuple:
            append(first + encode_basestring(k) + ": ")
            _list(v, level + 1, out)
        else:
            append(first + encode_basestring(k) + ": " + _scalar(v))
        first = sep
    append(_nl(level) + "}")


def _list(o: list | tuple, level: int, out: list[str]) -> None:
    if not o:
        out.append("[]")
        return
    inner = _nl(level + 1)
    sep = "," + inner
    t0 = type(o[0])
    if t0 is str:
        try:  # a list of strings (the sentences): one C-level escape per item
            out.append("[" + inner + sep.join(map(encode_basestring, o)) + _nl(level) + "]")
            return
        except TypeError:  # not all strings: item by item
            pass
    elif t0 is int:  # sentence indices
        items = [int.__repr__(x) for x in o if type(x) is int]
        if len(items) == len(o):
            out.append("[" + inner + sep.join(items) + _nl(level) + "]")
            return
    first = "[" + inner
    append = out.append
    for v in o:
        t = type(v)
        if t is dict:
            append(first)
            _dict(v, level + 1, out)
        elif t is list or t is tuple:
            append(first)
            _list(v, level + 1, out)
        else:
            append(first + _scalar(v))
        first = sep
    append(_nl(level) + "]")


def parse_ignore(text: str, name: str = "ignore file") -> frozenset[str]:
    """Finding ids a reviewer accepted: a JSON list of ids (or of findings with an ``id``),
    or an object with an ``ignore`` list. Decisions persist because ids are stable."""
    try:
        data = json.loads(text) if text.strip() else []
    except json.JSONDecodeError as exc:
        raise DataError(f"{name}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    if isinstance(data, dict):
        data = data.get("ignore", data.get("findings", []))
    if not isinstance(data, list):
        raise DataError(f"{name}: expected a JSON list of finding ids")
    ids = [d.get("id") if isinstance(d, dict) else d for d in data]
    if not all(isinstance(i, str) for i in ids):
        raise DataError(f"{name}: every entry must be a finding id (a string)")
    return frozenset(ids)
