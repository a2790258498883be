"""``findings.json`` (everything a script needs) and the reviewer's ``--ignore`` list."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from itertools import chain, repeat
from json.encoder import encode_basestring
from math import isfinite
from operator import attrgetter, itemgetter
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
        "checks": _checks(findings, groups),
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


def _checks(findings: Sequence[Finding], groups: Sequence[Any]) -> list[dict[str, Any]]:
    """Each check's line of the report: its first finding's severity, its findings, groups
    and groups shown, counted in one pass over each list (25 checks each summed over 15,000
    findings was 0.04 s) when the checks are plain strings and ``shown`` plain bools."""
    if (set(map(type, map(attrgetter("check"), findings))) <= {str}
            and set(map(type, map(attrgetter("check"), groups))) <= {str}
            and set(map(type, map(attrgetter("shown"), groups))) <= {bool}):
        severity: dict[str, Any] = {}
        for f in findings:
            severity.setdefault(f.check, f.severity)
        count = Counter(map(attrgetter("check"), findings))
        grouped = Counter(map(attrgetter("check"), groups))
        shown = Counter(g.check for g in groups if g.shown)
        return [{"id": c.id, "title": c.title, "description": c.description, "family": c.family,
                 "severity": severity.get(c.id, c.severity), "count": count[c.id], "groups": grouped[c.id],
                 "shown": shown[c.id]} for c in CHECKS.values()]
    return [{"id": c.id, "title": c.title, "description": c.description, "family": c.family,
             "severity": next((f.severity for f in findings if f.check == c.id), c.severity),
             "count": sum(f.check == c.id for f in findings),
             "groups": sum(g.check == c.id for g in groups),
             "shown": sum(g.check == c.id and g.shown for g in groups)} for c in CHECKS.values()]


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


def _dict(o: dict, level: int, out: list[str], keys: dict[str, str] | None = None) -> None:
    """``keys``: each key's encoded text with its line start, kept by a list of records (the
    units of ``alignment.json`` share four keys; each is encoded once per list, not per unit)."""
    if not o:
        out.append("{}")
        return
    inner = _nl(level + 1)
    if keys is None:
        keys = {}
    first = True
    append = out.append
    for k, v in o.items():
        if type(k) is not str:
            raise _Unusual
        key = keys.get(k)
        if key is None:
            key = keys[k] = "," + inner + encode_basestring(k) + ": "
        if first:
            key = "{" + key[1:]
            first = False
        t = type(v)
        if t is str:
            append(key + encode_basestring(v))
        elif t is dict:
            append(key)
            _dict(v, level + 1, out)
        elif t is list or t is tuple:
            append(key)
            _list(v, level + 1, out)
        else:
            append(key + _scalar(v))
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
    elif t0 is dict and len(o) >= RECORDS and _records(o, level, out):
        return
    first = "[" + inner
    append = out.append
    keys: dict[str, str] = {}
    for v in o:
        t = type(v)
        if t is dict:
            append(first)
            _dict(v, level + 1, out, keys if len(keys) < 64 else None)
        elif t is list or t is tuple:
            append(first)
            _list(v, level + 1, out)
        else:
            append(first + _scalar(v))
        first = sep
    append(_nl(level) + "]")


RECORDS = 16
"""A list of at least this many dicts with the same keys is written column by column."""


def _records(o: list | tuple, level: int, out: list[str]) -> bool:
    """Write ``o`` (at ``level``) into ``out`` when it is a list of dicts with the same str
    keys in the same order (``alignment.json``'s 100,000 units, ``findings.json``'s findings),
    and say so; False (nothing written) for any other list.

    Item by item, each record cost a ``_dict`` call and one Python step per key (0.5 s for
    the units of a 100,000-sentence run). Here each key's values are encoded as a column
    (a C-level ``map`` when the column holds one plain type, or flat lists of ints or of
    strings), and the pieces go into ``out`` interleaved with the keys' text by C-level
    iterators, each text copied once, by the final join. Anything else in a column goes
    through ``_value``, as before, so odd values still raise ``_Unusual`` and leave the
    whole value to the standard library."""
    if set(map(type, o)) != {dict} or set(map(type, chain.from_iterable(o))) != {str}:
        return False
    keys = list(o[0])
    if not keys or not all(map(keys.__eq__, map(list, o))):
        return False
    _write_columns(keys, [list(map(itemgetter(k), o)) for k in keys], level, out)
    return True


def records_text(keys: list[str], columns: list[list[Any]], level: int = 0) -> str:
    """The text of the list of records (at ``level``) whose values under ``keys`` are
    ``columns``, as ``dumps_indented`` writes such a list (``_Unusual`` when a value is not
    plain JSON): a writer with its data already in columns need not build the dicts."""
    if len({len(c) for c in columns}) != 1:
        raise _Unusual
    if not columns[0]:
        return "[]"
    out: list[str] = []
    _write_columns(keys, columns, level, out)
    return "".join(out)


def _write_columns(keys: list[str], values: list[list[Any]], level: int, out: list[str]) -> None:
    """Records of a list at ``level`` (at least one), by columns of their values, into ``out``."""
    columns = [_column(v, level + 2) for v in values]
    inner = _nl(level + 2)
    heads = [repeat("," + inner + encode_basestring(k) + ": ") for k in keys]
    heads[0] = repeat("," + _nl(level + 1) + "{" + inner + encode_basestring(keys[0]) + ": ")
    pieces = chain.from_iterable(zip(*chain.from_iterable(zip(heads, columns, strict=True)),
                                     repeat(_nl(level + 1) + "}"), strict=False))
    next(pieces)  # the first record's separator: the list's opening instead
    out.append("[" + _nl(level + 1) + "{" + inner + encode_basestring(keys[0]) + ": ")
    out.extend(pieces)
    out.append(_nl(level) + "]")


def _column(values: list[Any], level: int) -> list[str]:
    """The text of each of ``values``, each a value at ``level``."""
    types = set(map(type, values))
    if types == {str}:
        return list(map(encode_basestring, values))
    if types == {int}:
        return list(map(int.__repr__, values))
    if types == {float}:
        return list(map(float.__repr__, values)) if all(map(isfinite, values)) else list(map(_float, values))
    if types <= {list, tuple}:
        inner = set(map(type, chain.from_iterable(values)))
        if inner <= {int}:
            return _int_lists(values if types == {list} else list(map(list, values)), level)
        if inner <= {str}:
            start, sep, end = "[" + _nl(level + 1), "," + _nl(level + 1), _nl(level) + "]"
            return [start + sep.join(map(encode_basestring, v)) + end if v else "[]" for v in values]
    return [_text(v, level) for v in values]


def _int_lists(values: list[list[int]], level: int) -> list[str]:
    """The text of each of ``values`` (lists of exact ints, at ``level``) from one ``repr``
    of them all: an int's ``repr`` is its JSON, and the text holds nothing but digits,
    minus signs, commas, spaces and brackets, so the replacements below cannot hit
    anything else (a unit's ``src`` and ``tgt``: 0.1 s a column item by item)."""
    start, end = "[" + _nl(level + 1), _nl(level) + "]"
    text = repr(values)
    text = start + text[2:-2].replace("], [", "\x00").replace(", ", "," + _nl(level + 1)).replace(
        "\x00", end + "\x00" + start) + end
    return text.replace(start + end, "[]").split("\x00")


def _text(v: Any, level: int) -> str:
    out: list[str] = []
    _value(v, level, out)
    return "".join(out)


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
