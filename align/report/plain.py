"""``dataclasses.asdict`` for the report's records, without its per-value deep copies.

``asdict`` copies every value with ``copy.deepcopy`` and rebuilds every tuple; on the
findings of a 20,000-sentence run that is 0.25 s per report (the JSON, the HTML and the
CSV each build the same dicts). The values of ``Finding``, ``TermStats`` and their
renderings are strings, numbers and tuples of them, immutable, so they are shared instead;
anything else is converted exactly as ``asdict`` does (``tests/test_speed_writers.py``
compares the two).
"""

from __future__ import annotations

import copy
from dataclasses import fields, is_dataclass
from typing import Any

_ATOMS = (str, int, float, bool, type(None))
_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def as_plain(obj: Any) -> dict[str, Any]:
    """``dataclasses.asdict(obj)`` (same keys, same order, equal values) for a dataclass instance."""
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("as_plain() should be called on dataclass instances")
    return {name: _inner(getattr(obj, name)) for name in _names(type(obj))}


def _inner(v: Any) -> Any:
    t = type(v)
    if t in _ATOMS:
        return v
    if t is tuple:
        if all(type(x) in _ATOMS for x in v):
            return v  # immutable and equal to asdict's rebuilt copy
        return tuple(_inner(x) for x in v)
    if is_dataclass(v) and not isinstance(v, type):
        return as_plain(v)
    if isinstance(v, tuple) and hasattr(v, "_fields"):
        return t(*[_inner(x) for x in v])
    if isinstance(v, (list, tuple)):
        return t(_inner(x) for x in v)
    if isinstance(v, dict):
        return t((_inner(k), _inner(x)) for k, x in v.items())
    return copy.deepcopy(v)
