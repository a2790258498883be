"""Glossary checks: missing, forbidden, do-not-translate, and inconsistent renderings."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator, Sequence

from align.terms.context import Context, Segment, occurrences_by_entry, span
from align.terms.match import PatternIndex, find
from align.terms.registry import ERROR, WARNING, Hit, check
from align.terms.text import Token


@check(ERROR, title="Term not translated as in the glossary")
def term_missing(ctx: Context) -> Iterator[Hit]:
    """Glossary term not rendered as the glossary says (key-term mismatch).

    ``large language model`` in the source, and neither ``grand modèle de langage`` nor an
    inflected form (``grands modèles de langage``) in the target.
    """
    for o in ctx.occurrences:
        e = ctx.entries[o.entry]
        if o.rendering >= 0 or e.dnt:
            continue
        seg = ctx.segments[o.segment]
        a, b = span(seg.tgt, o.target)
        found = seg.unit.target[a:b]
        yield Hit(o.segment, e.entry.source, found, " | ".join(e.entry.targets),
                  f"“{e.entry.source}” should be rendered “{e.entry.target}”" + (f", not “{found}”" if found else ""),
                  span(seg.src, o.source), (a, b))


@check(ERROR, bilingual=False, title="Forbidden term used")
def term_forbidden(ctx: Context) -> Iterator[Hit]:
    """Forbidden variant used: ``jeune pousse`` where the glossary forbids it for ``startup``."""
    forbidden = [(e, p) for e in ctx.entries for p in e.forbidden]
    index = PatternIndex([p for _, p in forbidden])  # each segment tries only what can start there
    for k, seg in enumerate(ctx.segments):
        for e, p in (forbidden[n] for n in index.candidates(seg.tgt)):
            for m in find(p, seg.tgt, seg.unit.target, "plural", seg.tgt_ix):
                yield Hit(k, e.entry.source, _surface(seg, seg.tgt, m.first, m.last), e.entry.target,
                          f"“{p.text}” is forbidden for “{e.entry.source}”; use “{e.entry.target}”",
                          target_span=span(seg.tgt, m))


@check(ERROR, title="Do-not-translate term changed")
def term_dnt_changed(ctx: Context) -> Iterator[Hit]:
    """Do-not-translate term changed: ``Veltrane`` written ``Veltranne`` or translated."""
    for o in ctx.occurrences:
        e = ctx.entries[o.entry]
        if not e.dnt or o.rendering >= 0:
            continue
        seg = ctx.segments[o.segment]
        near = nearest(e.entry.source, seg.tgt)
        found = seg.unit.target[near.start:near.end] if near else ""
        yield Hit(o.segment, e.entry.source, found, e.entry.source,
                  f"“{e.entry.source}” must stay as it is" + (f", not “{found}”" if found else ""),
                  span(seg.src, o.source), (near.start, near.end) if near else (0, 0))


@check(WARNING, title="Term translated in different ways", family="consistency", uses_discovery=True)
def term_inconsistent(ctx: Context) -> Iterator[Hit]:
    """Term rendered inconsistently across the document (a minority rendering here).

    ``startup`` is ``start-up`` in most beads: the bead that says ``jeune pousse`` gets a
    warning naming the majority rendering. Glossary terms compare their approved forms
    (non-approved renderings are already ``term_missing``); discovered terms compare the
    renderings found by :mod:`align.terms.discover`.
    """
    by_entry = occurrences_by_entry(ctx)
    for i, e in enumerate(ctx.entries):
        used = [(o.segment, o.rendering, o.target) for o in by_entry.get(i, ()) if o.rendering >= 0]
        labels = [e.entry.targets[r] if r < len(e.entry.targets) else e.entry.source for _, r, _ in used]
        yield from _minorities(ctx, e.entry.source, [(s, lab, m) for (s, _, m), lab in zip(used, labels, strict=True)])
    for d in ctx.discovered:
        uses = [(s, r.text, m) for r in d.renderings for s, m in r.where]
        yield from _minorities(ctx, d.source, uses)


def _minorities(ctx: Context, term: str, uses: Sequence[tuple[int, str, object]]) -> Iterator[Hit]:
    counts = Counter(label for _, label, _ in uses)
    if len(counts) < 2:
        return
    (major, n_major), = counts.most_common(1)
    if list(counts.values()).count(n_major) > 1:
        major = sorted(k for k, v in counts.items() if v == n_major)[0]
    for s, label, m in uses:
        if label == major:
            continue
        seg = ctx.segments[s]
        yield Hit(s, term, label, major,
                  f"“{term}” is “{label}” here but “{major}” in {counts[major]} of {len(uses)} segments",
                  target_span=span(seg.tgt, m))  # type: ignore[arg-type]


def nearest(word: str, tokens: Sequence[Token], minimum: float = 0.6) -> Token | None:
    """The target word most like ``word`` (a misspelling's likely place), if similar enough."""
    best, score = None, minimum
    for t in tokens:
        r = difflib.SequenceMatcher(None, word.lower(), t.raw.lower()).ratio()
        if r >= score and t.raw != word:
            best, score = t, r
    return best


def _surface(seg: Segment, tokens: Sequence[Token], first: int, last: int) -> str:
    return seg.unit.target[tokens[first].start:tokens[last - 1].end]
