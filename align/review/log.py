"""The reviewer's decisions as a log of plain values, keyed by sentence *text*.

``review.json`` stores the log, not the resulting alignment: replaying it on the run
reproduces the state, undo drops the last entry, and a rerun of ``align run`` on slightly
edited inputs keeps every decision whose sentences are still there (a sentence is named
by its text and which occurrence of that text it is, never by its position). Decisions
that no longer apply are kept aside as *stale*, with the reason, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from align.errors import DataError
from align.model import SOURCE, TARGET
from align.review import state as st
from align.review.source import RunData

ACCEPTED, REJECTED = "accepted", "rejected"


@dataclass(frozen=True, slots=True)
class Verdict:
    """Accept (a real problem) or reject (a false alarm) findings, by their text-derived ids."""

    ids: tuple[str, ...]
    verdict: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    """A rejection turned into a rule for the next runs: ``check`` off for ``term`` ("" = every term)."""

    check: str
    term: str = ""
    note: str = ""


Action = st.Edit | Verdict | Rule


class Texts:
    """Both sides' sentences by (text, occurrence) and back."""

    def __init__(self, source: Sequence[str], target: Sequence[str]) -> None:
        self._texts = {SOURCE: tuple(source), TARGET: tuple(target)}
        self._occ: dict[str, list[int]] = {}
        self._where: dict[str, dict[tuple[str, int], int]] = {}
        for side, texts in self._texts.items():
            count: dict[str, int] = {}
            where: dict[tuple[str, int], int] = {}
            occ = []
            for i, t in enumerate(texts):
                n = count.get(t, 0)
                count[t] = n + 1
                where[(t, n)] = i
                occ.append(n)
            self._occ[side], self._where[side] = occ, where

    def ref(self, side: str, index: int) -> dict[str, Any]:
        return {"side": side, "text": self._texts[side][index], "n": self._occ[side][index]}

    def index(self, ref: Any) -> tuple[str, int]:
        if not isinstance(ref, Mapping) or ref.get("side") not in (SOURCE, TARGET):
            raise DataError("a sentence must be given as {side, text, n}")
        side = ref["side"]
        if "text" not in ref:  # the page names sentences by position; the log stores their text
            index = ref.get("index")
            if not isinstance(index, int) or not 0 <= index < len(self._texts[side]):
                raise DataError(f"there is no {side} sentence {index!r}")
            return side, index
        n = ref.get("n", 0)
        key = (str(ref["text"]), n if isinstance(n, int) else 0)
        if key not in self._where[side]:
            raise StaleError(f"the {side} sentence “{_short(key[0])}” is no longer in the text")
        return side, self._where[side][key]


class StaleError(DataError):
    """A saved decision whose sentences are gone (the inputs changed since)."""


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def dump_action(action: Action, texts: Texts) -> dict[str, Any]:
    """One log entry as JSON: sentences as texts, everything else as is."""
    if isinstance(action, Verdict):
        return {"kind": "verdict", "ids": list(action.ids), "verdict": action.verdict, "note": action.note}
    if isinstance(action, Rule):
        return {"kind": "rule", "check": action.check, "term": action.term, "note": action.note}
    if isinstance(action, st.Link):
        return {"kind": "link", "src": texts.ref(SOURCE, action.src), "tgt": texts.ref(TARGET, action.tgt)}
    out: dict[str, Any] = {"kind": _KINDS[type(action)], "at": texts.ref(action.at.side, action.at.index)}
    if isinstance(action, st.Merge | st.Move):
        out["direction"] = action.direction
    if isinstance(action, st.Split):
        out["src_at"] = None if action.src_at is None else texts.ref(SOURCE, action.src_at)
        out["tgt_at"] = None if action.tgt_at is None else texts.ref(TARGET, action.tgt_at)
    if isinstance(action, st.MarkIntentional):
        out["on"] = action.on
    return out


_KINDS = {st.Confirm: "confirm", st.Merge: "merge", st.Split: "split", st.Move: "move", st.Unlink: "unlink",
          st.MarkIntentional: "intentional"}


def load_action(data: Any, texts: Texts) -> Action:
    """A log entry back as a value; :class:`StaleError` when its sentences are gone."""
    if not isinstance(data, Mapping):
        raise DataError("each decision must be a JSON object")
    kind = data.get("kind")
    if kind == "verdict":
        verdict = data.get("verdict")
        if verdict not in (ACCEPTED, REJECTED, ""):
            raise DataError(f"verdict must be {ACCEPTED!r}, {REJECTED!r} or '' (undecided), not {verdict!r}")
        ids = data.get("ids")
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise DataError("a verdict needs the ids of its findings (a non-empty list of strings)")
        return Verdict(tuple(ids), verdict, _text(data.get("note", "")))
    if kind == "rule":
        check = data.get("check")
        if not isinstance(check, str) or not check:
            raise DataError("a rule needs the check it turns off")
        return Rule(check, _text(data.get("term", "")), _text(data.get("note", "")))
    if kind == "link":
        return st.Link(_side(texts, data.get("src"), SOURCE), _side(texts, data.get("tgt"), TARGET))
    if kind not in _KINDS.values():
        raise DataError(f"unknown decision {kind!r}")
    side, index = texts.index(data.get("at"))
    at = st.At(side, index)
    if kind == "merge":
        return st.Merge(at, _direction(data))
    if kind == "move":
        return st.Move(at, _direction(data))
    if kind == "split":
        src = data.get("src_at")
        tgt = data.get("tgt_at")
        return st.Split(at, None if src is None else _side(texts, src, SOURCE),
                        None if tgt is None else _side(texts, tgt, TARGET))
    if kind == "intentional":
        return st.MarkIntentional(at, bool(data.get("on", True)))
    return st.Confirm(at) if kind == "confirm" else st.Unlink(at)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise DataError("a note or term must be text")
    return value[:2000]


def _direction(data: Mapping[str, Any]) -> str:
    d = data.get("direction")
    if d not in (st.PREV, st.NEXT):
        raise DataError(f"direction must be {st.PREV!r} or {st.NEXT!r}")
    return d


def _side(texts: Texts, ref: Any, side: str) -> int:
    got, index = texts.index(ref)
    if got != side:
        raise DataError(f"expected a {side} sentence, got a {got} one")
    return index


@dataclass(frozen=True)
class Replayed:
    """The state a log gives on a run, and the entries that no longer apply."""

    review: st.Review
    actions: tuple[Action, ...]
    verdicts: Mapping[str, tuple[str, str]]
    rules: tuple[Rule, ...]
    stale: tuple[tuple[dict[str, Any], str], ...]


def step(review: st.Review, action: Action) -> st.Review:
    """One action on the alignment (verdicts and rules leave it as it is)."""
    return review if isinstance(action, Verdict | Rule) else st.apply(review, action)


def replay(run: RunData, entries: Sequence[Any], stale: Sequence[tuple[dict[str, Any], str]] = (),
           start: st.Review | None = None) -> Replayed:
    """Apply saved entries in order on the run (``start``: its initial review, if already built);
    those that fail are set aside with the reason."""
    texts = Texts(run.source, run.target)
    review = start if start is not None else st.initial_review(run)
    kept: list[Action] = []
    gone = list(stale)
    for entry in entries:
        try:
            action = load_action(entry, texts)
            review = step(review, action)
        except DataError as exc:
            gone.append((entry, exc.one_line()))
            continue
        kept.append(action)
    return Replayed(review, tuple(kept), fold_verdicts(kept), tuple(a for a in kept if isinstance(a, Rule)),
                    tuple(gone))


def fold_verdicts(actions: Sequence[Action]) -> dict[str, tuple[str, str]]:
    """Finding id → (verdict, note), the last decision winning ('' clears one)."""
    out: dict[str, tuple[str, str]] = {}
    for a in actions:
        if isinstance(a, Verdict):
            for i in a.ids:
                if a.verdict:
                    out[i] = (a.verdict, a.note)
                else:
                    out.pop(i, None)
    return out
