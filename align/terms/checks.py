"""Run every registered check over aligned pairs; compute each term's consistency.

``check_document`` is the library entry point (``align terms`` and ``align run`` both
call it through ``check_pairs``): units in (bilingual, or target-only for a plain
translation), a :class:`TermReport` out. Reviewer decisions (``ignore``: finding ids)
are applied here, so every caller honours them the same way.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from align.model import Finding, TermEntry, TermStats, TranslationUnit
from align.terms import checks_glossary, checks_segments  # noqa: F401  (registers the checks)
from align.terms.context import Context, Occurrence, build_context, span
from align.terms.discover import discover, fold_key
from align.terms.registry import CHECKS, to_finding
from align.terms.scores import DocumentScores, document_scores, term_stats


@dataclass(frozen=True)
class TermReport:
    """What the term checks produced for one document."""

    terms: tuple[TermStats, ...]
    findings: tuple[Finding, ...]
    scores: DocumentScores
    ignored: int = 0
    bilingual: bool = True


def check_document(
    units: Sequence[TranslationUnit], glossary: Sequence[TermEntry] = (), *, source_lang: str = "en",
    target_lang: str = "fr", ignore: Collection[str] = (), discover_terms: bool = True,
    only: Collection[str] = (),
) -> TermReport:
    """All checks (or ``only`` those ids) over ``units``; findings whose id is in ``ignore`` dropped."""
    ctx = build_context(units, glossary, source_lang, target_lang)
    bilingual = any(s.bilingual for s in ctx.segments)
    if discover_terms and bilingual:
        ctx = replace(ctx, discovered=_discover(ctx))
    findings = []
    for c in CHECKS.values():
        if (only and c.id not in only) or (c.bilingual and not bilingual):
            continue
        for hit in c.run(ctx):
            seg = ctx.segments[hit.segment]
            findings.append(to_finding(c, hit, bead_id(seg.unit.tuid, hit.segment), seg.unit.source,
                                       seg.unit.target))
    unique = tuple({f.id: f for f in findings}.values())
    kept = tuple(f for f in unique if f.id not in set(ignore))
    stats = _stats(ctx)
    return TermReport(stats, kept, document_scores(stats), len(unique) - len(kept), bilingual)


def check_pairs(
    units: Sequence[TranslationUnit], glossary: Sequence[TermEntry], **options: object
) -> tuple[tuple[TermStats, ...], tuple[Finding, ...]]:
    """Per-term stats and findings (the skeleton's interface over :func:`check_document`)."""
    report = check_document(units, glossary, **options)  # type: ignore[arg-type]
    return report.terms, report.findings


def bead_id(tuid: str, index: int) -> str:
    return tuid or f"s{index + 1:04d}"


def _discover(ctx: Context) -> tuple:
    exclude = frozenset(fold_key(s) for e in ctx.entries for s in (e.entry.source, *e.entry.source_synonyms))
    segs = [s for s in ctx.segments]
    return discover([s.src for s in segs], [s.unit.source for s in segs], [s.tgt for s in segs],
                    [s.unit.target for s in segs], ctx.source_lang, ctx.target_lang, exclude)


def _surface(ctx: Context, o: Occurrence) -> str:
    """The near-miss rendering's text ("" = unknown, shown as "(other)")."""
    seg = ctx.segments[o.segment]
    a, b = span(seg.tgt, o.target)
    return seg.unit.target[a:b]


def _stats(ctx: Context) -> tuple[TermStats, ...]:
    out = []
    for i, e in enumerate(ctx.entries):
        occ = [o for o in ctx.occurrences if o.entry == i]
        if not occ:
            continue
        targets = e.entry.targets or (e.entry.source,)
        uses = [(targets[o.rendering] if o.rendering >= 0 else _surface(ctx, o),
                 bead_id(ctx.segments[o.segment].unit.tuid, o.segment), o.rendering >= 0) for o in occ]
        out.append(term_stats(e.entry.source, uses, len(occ), e.entry.target or e.entry.source, "glossary"))
    for d in ctx.discovered:
        uses = [(r.text, bead_id(ctx.segments[k].unit.tuid, k), False) for r in d.renderings for k, _ in r.where]
        out.append(term_stats(d.source, uses, len(d.occurrences), d.renderings[0].text, f"discovered:{d.kind}"))
    return tuple(out)
