"""The alignment under review as frozen data, and the edits a reviewer makes, as values.

A :class:`Review` is a tuple of rows in document order; a row is either a *unit* (source
and target sentences) or one *unaligned* sentence. Every edit is a frozen value that
:func:`apply` turns into a new :class:`Review`, checking conservation each time (every
sentence in exactly one row), so the server, the headless export and the tests share one
core and an undo is "replay all edits but the last". Edits name sentences by *position*
here; :mod:`align.review.log` turns positions into sentence texts for ``review.json``, so
a decision survives a rerun of ``align run`` on slightly edited inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from align.errors import DataError
from align.model import SOURCE, TARGET
from align.review.source import RunData, RunUnit

AUTO, CONFIRMED, CORRECTED = "auto", "confirmed", "corrected"
REASON_UNLINKED = "unlinked by the reviewer"
REASON_INTENTIONAL = "left untranslated on purpose (reviewer)"
PREV, NEXT = "prev", "next"


class EditError(DataError):
    """An edit that does not apply to the alignment as it stands (said in a translator's words)."""


@dataclass(frozen=True, slots=True)
class Row:
    """A unit (both sides non-empty) or one unaligned sentence (one side, one index)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0
    status: str = AUTO
    tuid: str = ""
    reason: str = ""
    intentional: bool = False

    @property
    def is_unit(self) -> bool:
        return bool(self.src) and bool(self.tgt)

    @property
    def side(self) -> str:
        return SOURCE if self.src else TARGET

    def sentences(self, side: str) -> tuple[int, ...]:
        return self.src if side == SOURCE else self.tgt


@dataclass(frozen=True, slots=True)
class At:
    """A sentence by side and index: the handle every edit uses to name its unit."""

    side: str
    index: int


@dataclass(frozen=True, slots=True)
class Confirm:
    at: At


@dataclass(frozen=True, slots=True)
class Merge:
    at: At
    direction: str = NEXT


@dataclass(frozen=True, slots=True)
class Split:
    """Split the unit of ``at`` before ``src_at`` and before ``tgt_at`` (None: that side stays whole first)."""

    at: At
    src_at: int | None
    tgt_at: int | None


@dataclass(frozen=True, slots=True)
class Move:
    """Move a boundary sentence of its unit to the neighbouring unit (``prev`` for a first one)."""

    at: At
    direction: str


@dataclass(frozen=True, slots=True)
class Unlink:
    at: At


@dataclass(frozen=True, slots=True)
class Link:
    src: int
    tgt: int


@dataclass(frozen=True, slots=True)
class MarkIntentional:
    at: At
    on: bool = True


Edit = Confirm | Merge | Split | Move | Unlink | Link | MarkIntentional


@dataclass(frozen=True)
class Review:
    """The rows in document order over the run's two sentence lists."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    rows: tuple[Row, ...]

    def __post_init__(self) -> None:
        check_conservation(self)

    def where(self, at: At) -> int:
        """The position of the row holding sentence ``at``."""
        n = len(self.source) if at.side == SOURCE else len(self.target)
        if at.side not in (SOURCE, TARGET) or not 0 <= at.index < n:
            raise EditError(f"there is no {at.side} sentence {at.index + 1}")
        for k, row in enumerate(self.rows):
            if at.index in row.sentences(at.side):
                return k
        raise EditError(f"{at.side} sentence {at.index + 1} is in no unit")  # unreachable: conservation


def check_conservation(review: Review) -> None:
    """Every sentence in exactly one row; an unaligned row holds exactly one sentence."""
    seen = {SOURCE: [0] * len(review.source), TARGET: [0] * len(review.target)}
    for row in review.rows:
        if not row.is_unit and len(row.src) + len(row.tgt) != 1:
            raise DataError(f"a row without a partner must hold one sentence, not {len(row.src) + len(row.tgt)}")
        for side in (SOURCE, TARGET):
            for i in row.sentences(side):
                seen[side][i] += 1
    for side, counts in seen.items():
        bad = next((i for i, c in enumerate(counts) if c != 1), None)
        if bad is not None:
            raise DataError(f"{side} sentence {bad + 1} is in {counts[bad]} places, not exactly one")


def initial_review(run: RunData) -> Review:
    """The run's units and unaligned sentences in the translation's order (see :func:`document_order`)."""
    reasons = dict(run.reasons)
    rows = [Row(tuple(sorted(u.src)), tuple(sorted(u.tgt)), u.score, AUTO, u.tuid) for u in run.units]
    rows += [Row((i,) if side == SOURCE else (), (i,) if side == TARGET else (), 0.0, AUTO, "", reason)
             for (side, i), reason in reasons.items()]
    return Review(run.source, run.target, tuple(document_order(rows)))


def document_order(rows: Sequence[Row]) -> list[Row]:
    """Rows in the target's order; a source-only row right after the unit of the source sentence before it.

    The translation is the whole document (the source may be fragments in any order), so
    its order is the reading order; a dropped source sentence shows where it went missing.
    """
    paired = [r for r in rows if r.tgt]  # a row's indices are sorted: [0] is its first, [-1] its last
    by_src = sorted(((i, r) for r in paired for i in r.src), key=lambda ir: ir[0])
    keyed = [((r.tgt[0], 0, r.src[0] if r.src else -1), r) for r in paired]
    srcs = [i for i, _ in by_src]
    for r in rows:
        if r.tgt:
            continue
        i = r.src[0]
        k = _bisect(srcs, i)
        if k > 0:
            keyed.append(((by_src[k - 1][1].tgt[-1], 1, i), r))
        elif by_src:
            keyed.append(((by_src[0][1].tgt[0], -1, i), r))
        else:
            keyed.append(((-1, 1, i), r))
    return [r for _, r in sorted(keyed, key=lambda kr: kr[0])]


def _bisect(values: Sequence[int], x: int) -> int:
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _alone(side: str, i: int, reason: str = REASON_UNLINKED) -> Row:
    return Row((i,), (), 0.0, AUTO, "", reason) if side == SOURCE else Row((), (i,), 0.0, AUTO, "", reason)


def _pieces(src: Sequence[int], tgt: Sequence[int]) -> list[Row]:
    """A corrected unit, or its sentences as unaligned rows when one side is empty."""
    if src and tgt:
        return [Row(tuple(sorted(src)), tuple(sorted(tgt)), 1.0, CORRECTED)]
    return [_alone(SOURCE, i) for i in src] + [_alone(TARGET, j) for j in tgt]


def _unit_at(review: Review, at: At) -> int:
    k = review.where(at)
    if not review.rows[k].is_unit:
        raise EditError(f"{at.side} sentence {at.index + 1} is not in a unit")
    return k


def _neighbour(review: Review, k: int, direction: str, units_only: bool) -> int:
    step = -1 if direction == PREV else 1
    j = k + step
    while 0 <= j < len(review.rows) and units_only and not review.rows[j].is_unit:
        j += step
    if not 0 <= j < len(review.rows):
        raise EditError(f"there is no {'previous' if direction == PREV else 'next'} unit")
    return j


def _with(review: Review, start: int, stop: int, new: Sequence[Row]) -> Review:
    """``review`` with rows[start:stop] replaced by ``new``, which must hold the same sentences.

    Checking the replaced slice only keeps every edit O(size of the edit) in Python while
    conservation still holds for the whole (the rest is unchanged and was checked).
    """
    old = review.rows[start:stop]
    for side in (SOURCE, TARGET):
        if sorted(i for r in old for i in r.sentences(side)) != sorted(i for r in new for i in r.sentences(side)):
            raise DataError(f"an edit lost or duplicated a {side} sentence")  # a bug, never a user error
    for r in new:
        if not r.is_unit and len(r.src) + len(r.tgt) != 1:
            raise DataError("a row without a partner must hold one sentence")
    rows = review.rows[:start] + tuple(new) + review.rows[stop:]
    out = object.__new__(Review)
    for name, value in (("source", review.source), ("target", review.target), ("rows", rows)):
        object.__setattr__(out, name, value)
    return out


def apply(review: Review, edit: Edit) -> Review:
    """The review after ``edit``; raises :class:`EditError` when it does not apply."""
    if isinstance(edit, Confirm):
        k = _unit_at(review, edit.at)
        return _with(review, k, k + 1, [replace(review.rows[k], status=CONFIRMED)])
    if isinstance(edit, Merge):
        return _merge(review, edit)
    if isinstance(edit, Split):
        return _split(review, edit)
    if isinstance(edit, Move):
        return _move(review, edit)
    if isinstance(edit, Unlink):
        k = _unit_at(review, edit.at)
        row = review.rows[k]
        return _with(review, k, k + 1, [_alone(SOURCE, i) for i in row.src] + [_alone(TARGET, j) for j in row.tgt])
    if isinstance(edit, Link):
        return _link(review, edit)
    if isinstance(edit, MarkIntentional):
        k = review.where(edit.at)
        row = review.rows[k]
        if row.is_unit:
            raise EditError("only a sentence outside every unit can be marked as left untranslated")
        return _with(review, k, k + 1, [replace(row, intentional=edit.on)])
    raise EditError(f"unknown edit {type(edit).__name__}")


def _merge(review: Review, edit: Merge) -> Review:
    k = review.where(edit.at)
    if edit.direction not in (PREV, NEXT):
        raise EditError(f"merge direction must be {PREV!r} or {NEXT!r}")
    j = _neighbour(review, k, edit.direction, units_only=False)
    a, b = review.rows[min(j, k)], review.rows[max(j, k)]
    src, tgt = a.src + b.src, a.tgt + b.tgt
    if not src or not tgt:
        raise EditError("merging these two gives no unit (both are on the same side): link them to a sentence "
                        "of the other side instead")
    return _with(review, min(j, k), max(j, k) + 1, _pieces(src, tgt))


def _split(review: Review, edit: Split) -> Review:
    k = _unit_at(review, edit.at)
    row = review.rows[k]
    cuts = []
    for side, at in ((SOURCE, edit.src_at), (TARGET, edit.tgt_at)):
        items = row.sentences(side)
        if at is None:
            cuts.append(len(items))
        elif at not in items or at == items[0]:
            raise EditError(f"{side} sentence {at + 1} is not inside this unit, after its first sentence")
        else:
            cuts.append(items.index(at))
    first_src, first_tgt = row.src[:cuts[0]], row.tgt[:cuts[1]]
    rest_src, rest_tgt = row.src[cuts[0]:], row.tgt[cuts[1]:]
    if not (rest_src or rest_tgt):
        raise EditError("say where to split: a sentence of the unit, after its first one")
    return _with(review, k, k + 1, _pieces(first_src, first_tgt) + _pieces(rest_src, rest_tgt))


def _move(review: Review, edit: Move) -> Review:
    k = _unit_at(review, edit.at)
    row = review.rows[k]
    items = row.sentences(edit.at.side)
    if edit.direction not in (PREV, NEXT):
        raise EditError(f"move direction must be {PREV!r} or {NEXT!r}")
    edge = items[0] if edit.direction == PREV else items[-1]
    if edit.at.index != edge:
        which = "first" if edit.direction == PREV else "last"
        raise EditError(f"only the {which} {edit.at.side} sentence of a unit can move to the "
                        f"{'previous' if edit.direction == PREV else 'next'} unit")
    j = _neighbour(review, k, edit.direction, units_only=True)
    other = review.rows[j]
    keep = tuple(i for i in items if i != edit.at.index)
    gets = tuple(sorted((*other.sentences(edit.at.side), edit.at.index)))
    if edit.at.side == SOURCE:
        left, right = _pieces(keep, row.tgt), _pieces(gets, other.tgt)
    else:
        left, right = _pieces(row.src, keep), _pieces(other.src, gets)
    lo, hi = min(j, k), max(j, k)
    between = list(review.rows[lo + 1:hi])
    return _with(review, lo, hi + 1, right + between + left if j < k else left + between + right)


def _link(review: Review, edit: Link) -> Review:
    ks, kt = review.where(At(SOURCE, edit.src)), review.where(At(TARGET, edit.tgt))
    if review.rows[ks].is_unit or review.rows[kt].is_unit:
        raise EditError("only two sentences outside every unit can be linked: unlink their units first")
    unit = Row((edit.src,), (edit.tgt,), 1.0, CORRECTED)
    lo, hi = min(ks, kt), max(ks, kt)  # the unit takes the target sentence's place
    between = list(review.rows[lo + 1:hi])
    return _with(review, lo, hi + 1, [unit, *between] if kt < ks else [*between, unit])


def units_reviewed(review: Review) -> int:
    return sum(r.is_unit and r.status != AUTO for r in review.rows)


def run_unit(row: Row) -> RunUnit:
    """A row as the run's unit record (for writers that expect one)."""
    return RunUnit(row.src, row.tgt, row.score, row.tuid, row.reason)
