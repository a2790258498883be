"""Run every registered check over aligned pairs; compute each term's consistency.

``check_document`` is the library entry point (``align terms`` and ``align run`` both
call it through ``check_pairs``): units in (bilingual, or target-only for a plain
translation), a :class:`TermReport` out. Reviewer decisions (``ignore``: finding ids)
are applied here, so every caller honours them the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from concurrent.futures import BrokenExecutor, Executor, Future
from contextlib import suppress
from dataclasses import dataclass, fields, replace

from align.model import Finding, TermEntry, TermStats, TranslationUnit
from align.terms import (  # noqa: F401  (registers the checks)
    ahead,
    checks_codes,
    checks_complete,
    checks_glossary,
    checks_segments,
    checks_typo,
    pretokenised,
)
from align.terms.checks_glossary import nearest
from align.terms.context import Context, Occurrence, TextFacts, build_context, occurrences_by_entry, span
from align.terms.discover import Discovered, discover, fold_key
from align.terms.pretokenised import Joins, Known
from align.terms.registry import CHECKS, Check, Hit, to_finding
from align.terms.scores import DocumentScores, document_scores, term_stats
from align.terms.settings import DEFAULT, CheckSettings, passage_key

# One fact, one finding: where two findings cover the same words of a unit, the first of
# this list is kept (a paragraph left in English is not also a name variant; a misspelt
# do-not-translate name is not also a name spelt two ways).
PRECEDENCE = (
    "identical", "untranslated", "omission", "term_dnt_changed", "term_forbidden", "term_missing",
    "url_changed", "email_changed", "placeholder_changed", "code_changed", "number_changed", "number_format",
    "name_two_ways", "name_variant", "name_not_kept", "term_inconsistent", "length_mismatch",
)
WHOLE_UNIT = ("identical", "untranslated")


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
    only: Collection[str] = (), settings: CheckSettings = DEFAULT, helper: Executor | None = None,
    known_tokens: Known | None = None, joins: Joins | None = None, facts: TextFacts | None = None,
) -> TermReport:
    """All enabled checks over ``units``; accepted findings (``ignore`` ids, ``settings``' rules) dropped.

    ``settings`` is the project's decision (checks on/off, severities, ignore rules,
    intentional English); ``only``/``ignore``/``discover_terms`` are kept for callers
    that predate it and combine with it. ``helper``: a process (``align.runtime``) that
    builds the same context and runs the checks that do not read the discovered terms,
    from the end of the list, while this one builds its own, discovers terms (the largest
    single task on a long document: 8 s of 100,000 sentences) and then goes on with the
    checks from the front (``_shared``). The report is the same, findings in the same
    order; whatever a dead helper could not deliver is done here. ``known_tokens``: texts tokenised ahead
    (``align.terms.pretokenised``), the helper keeping its own copy; ``joins``: the texts
    made of several of them (their lengths), whose tokens the helper makes from theirs;
    ``facts``: what some checks ask of single texts, answered ahead (``align.terms.ahead``).
    """
    bilingual = any(u.source.strip() and u.target.strip() for u in units)
    wanted = discover_terms and settings.discover and bilingual
    exclude = glossary_keys(glossary)
    enabled = [c for c in CHECKS.values()
               if not ((only and c.id not in only) or not settings.enabled(c.id) or (c.bilingual and not bilingual))]
    # The checks that ask the language detector first: the helper takes checks from the
    # back, and the detector is loaded here (the order of the findings is the registry's).
    todo = sorted((c for c in enabled if not c.uses_discovery), key=lambda c: not c.uses_detector)
    pending = _submit(helper, _helper_context, unit_columns(units), tuple(glossary), source_lang, target_lang,
                      dict(joins or {})) if helper is not None and len(todo) > 1 else None
    given = _give(helper, todo) if pending is not None else {}
    ctx = build_context(units, glossary, source_lang, target_lang, known_tokens, facts)
    if wanted:  # here, while the helper runs the checks it was given
        ctx = replace(ctx, discovered=_discover(ctx, exclude))
    hits = _shared(todo, ctx, settings, given)
    if pending is not None:
        _delivered(pending)  # an error in the helper's own work is raised, as it would be here
    for c in enabled:
        if c.uses_discovery:
            hits[c.id] = _run(c, ctx, settings)
    findings = [f for c in CHECKS for f in hits.get(c, ())]  # the registry's order, as when run in turn
    unique = one_fact(_numbered(findings), settings)
    ignored = set(ignore)
    kept = tuple(f for f in unique if base_id(f.id) not in ignored and not settings.ignored(f))
    stats = _stats(ctx)
    return TermReport(stats, kept, document_scores(stats), len(unique) - len(kept), bilingual)


def _run(c: Check, ctx: Context, settings: CheckSettings) -> list[Finding]:
    return _findings(c, c.run(ctx), ctx, settings)


def _findings(c: Check, hits: Iterable[Hit], ctx: Context, settings: CheckSettings) -> list[Finding]:
    severity = settings.severity(c.id, c.severity)
    out = []
    for hit in hits:
        u = ctx.segments[hit.segment].unit
        out.append(to_finding(c, hit, bead_id(u.tuid, hit.segment), u.source, u.target, severity, u.bead, u.score))
    return out


def _give(helper: Executor, todo: Sequence[Check]) -> dict[int, Future]:
    """Every check of ``todo`` but the first sent to the helper, the last first (by index).

    The helper runs them once its copy of the context is built (``_helper_context``, sent
    before them), from the back of the list, while this process discovers terms and then
    takes checks from the front (``_shared``).
    """
    given: dict[int, Future] = {}
    for k in range(len(todo) - 1, 0, -1):
        future = _submit(helper, helper_hits, todo[k].id)
        if future is None:
            break
        given[k] = future
    return given


def _shared(todo: Sequence[Check], ctx: Context, settings: CheckSettings,
            given: dict[int, Future]) -> dict[str, list[Finding]]:
    """Each check of ``todo`` run once: here from the front of the list, in the helper
    from the back (work sharing between the two processes).

    ``given``: the checks sent to the helper (``_give``). This process goes from the
    front, taking back each check the helper has not started yet (a future still queued
    can be cancelled), and stops at the first one the helper holds: the helper works from
    the back, so the rest is its own. A check's hits depend on the context alone, so they
    are the same in either process; they come back as hits and become findings here,
    like the others. A check the helper could not deliver (it died, or has no context)
    is run here.
    """
    hits: dict[str, list[Finding]] = {}
    given = dict(given)
    front = 0
    while front < len(todo):
        if front in given:
            if not given[front].cancel():
                break  # the helper holds this one, and so every one after it
            del given[front]
        c = todo[front]
        front += 1
        hits[c.id] = _run(c, ctx, settings)
    for k, future in sorted(given.items()):
        c = todo[k]
        try:
            found = future.result()
        except BrokenExecutor:
            found = None
        hits[c.id] = _run(c, ctx, settings) if found is None else _findings(c, found, ctx, settings)
    return hits


def _submit(helper: Executor, fn: Callable, *args: object) -> Future | None:
    """``fn(*args)`` sent to the helper; None (the work is done here) when it could not start."""
    try:
        return helper.submit(fn, *args)
    except (BrokenExecutor, RuntimeError):  # RuntimeError: the pool was shut down
        return None


# The helper process's copy of the context of the job it serves (one helper per job):
# built by ``_helper_context`` with discovery, read by ``helper_hits``.
_HELD: dict[str, Context] = {}


def unit_columns(units: Sequence[TranslationUnit]) -> tuple[tuple, ...]:
    """The units as one tuple per field: what crosses to the helper (``_helper_context``)."""
    return tuple(tuple(getattr(u, name) for u in units) for name in _UNIT_FIELDS)


_UNIT_FIELDS = tuple(f.name for f in fields(TranslationUnit))


def _helper_context(columns: tuple[tuple, ...], glossary: Sequence[TermEntry], source_lang: str, target_lang: str,
                    joins: Joins | None = None) -> int:
    """The helper's task: the job's context built again (the same units, glossary, tokens
    and answers found ahead: ``pretokenised.kept``, with ``joins``) and kept for
    ``helper_hits``; returns how many segments it holds."""
    units = [TranslationUnit(*row) for row in zip(*columns, strict=True)]
    known = pretokenised.with_joined(pretokenised.kept(), joins or {})
    facts = ahead.with_joined(pretokenised.kept_facts(), joins or {})
    ctx = build_context(units, glossary, source_lang, target_lang, known, facts)
    _HELD.clear()
    _HELD["context"] = ctx
    return len(ctx.segments)


def held_units(identity: tuple[int, int]) -> list[TranslationUnit] | None:
    """The helper's copy of the job's units (the first of its context's segments), if they
    are the job's: ``identity`` is (how many, their characters), the job's own count."""
    ctx = _HELD.get("context")
    count = identity[0]
    if ctx is None or len(ctx.segments) < count:
        return None
    units = [seg.unit for seg in ctx.segments[:count]]
    return units if unit_identity(units) == identity else None


def unit_identity(units: Sequence[TranslationUnit]) -> tuple[int, int]:
    """(how many units, the characters of their two sides): what ``held_units`` checks."""
    return len(units), sum(len(u.source) + len(u.target) for u in units)


def helper_hits(check_id: str) -> list[Hit] | None:
    """The helper's task: one check's hits over the kept context (None if it has none)."""
    ctx = _HELD.get("context")
    return None if ctx is None else list(CHECKS[check_id].run(ctx))


def _delivered(pending: Future) -> None:
    """Wait for the helper's context task: a dead helper is no error (its checks were
    run here), an error in its work is raised."""
    with suppress(BrokenExecutor):
        pending.result()


def base_id(finding_id: str) -> str:
    """The text-based id a reviewer's decision refers to (``….2`` marks the same text in another unit)."""
    return finding_id.split(".", 1)[0]


def _numbered(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """One finding per (id, unit); the same text in several units gets ``id.2``, ``id.3``…

    Ids hash texts, not unit numbers (so ``--ignore`` survives re-alignment); a text
    repeated in 400 units is 400 findings of one group, not one finding.
    """
    seen: dict[str, set[str]] = {}  # a set: a boilerplate line in 10,000 units is not 10,000² tests
    out = []
    for f in findings:
        units = seen.setdefault(f.id, set())
        if f.bead in units:
            continue
        units.add(f.bead)
        out.append(f if len(units) == 1 else replace(f, id=f"{f.id}.{len(units)}"))
    return tuple(out)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[1] > a[0] and b[1] > b[0] and a[0] < b[1] and b[0] < a[1]


def one_fact(findings: Sequence[Finding], settings: CheckSettings = DEFAULT) -> tuple[Finding, ...]:
    """One finding per fact: per unit, whole-unit findings win, then the first of ``PRECEDENCE``.

    Passages the project keeps in English on purpose lose their language findings (and,
    when the whole unit is such a passage, every finding on it).
    """
    rank = {c: i for i, c in enumerate(PRECEDENCE)}
    by_unit: dict[tuple[str, str, str], list[Finding]] = {}
    for f in findings:
        by_unit.setdefault((f.bead, f.source, f.target), []).append(f)
    out = []
    for (_, _, target), group in by_unit.items():
        if settings.intentional_english and settings.english_on_purpose(target):
            if any(passage_key(e) == passage_key(target) for e in settings.intentional_english):
                continue  # the whole unit is a passage kept in English on purpose
            group = [f for f in group if f.check not in WHOLE_UNIT]
        group = sorted(group, key=lambda f: rank.get(f.check, len(rank)))
        whole_unit = [f for f in group if f.check in WHOLE_UNIT]
        if whole_unit:
            out.append(whole_unit[0])
            continue
        kept: list[Finding] = []
        for f in group:
            if f.check in rank and any(
                    k.check in rank and k.check != f.check
                    and (_overlap(k.target_span, f.target_span) or _overlap(k.source_span, f.source_span))
                    for k in kept):
                continue
            kept.append(f)
        out.extend(kept)
    order = {f.id: i for i, f in enumerate(findings)}
    return tuple(sorted(out, key=lambda f: order[f.id]))


def check_pairs(
    units: Sequence[TranslationUnit], glossary: Sequence[TermEntry], **options: object
) -> tuple[tuple[TermStats, ...], tuple[Finding, ...]]:
    """Per-term stats and findings (the skeleton's interface over :func:`check_document`)."""
    report = check_document(units, glossary, **options)  # type: ignore[arg-type]
    return report.terms, report.findings


def bead_id(tuid: str, index: int) -> str:
    return tuid or f"s{index + 1:04d}"


def glossary_keys(glossary: Sequence[TermEntry]) -> frozenset[str]:
    """The glossary's terms (and synonyms) as discovery's keys: discovery leaves them to the glossary checks."""
    return frozenset(fold_key(s) for e in glossary for s in (e.source, *e.source_synonyms))


def _discover(ctx: Context, exclude: frozenset[str]) -> tuple[Discovered, ...]:
    segs = ctx.segments
    return discover([s.src for s in segs], [s.unit.source for s in segs], [s.tgt for s in segs],
                    [s.unit.target for s in segs], ctx.source_lang, ctx.target_lang, exclude,
                    source_indexes=[s.src_ix for s in segs], target_indexes=[s.tgt_ix for s in segs])


def discover_texts(sources: Sequence[str], targets: Sequence[str], source_lang: str, target_lang: str,
                   exclude: frozenset[str]) -> tuple[Discovered, ...]:
    """Term discovery from the units' texts alone (no glossary: discovery reads none beyond ``exclude``).

    The texts are tokenised by ``build_context`` itself, reusing what this process was
    given to keep (``pretokenised.kept``), so the terms are those ``check_document`` finds.
    """
    units = [TranslationUnit(s, t) for s, t in zip(sources, targets, strict=True)]
    return _discover(build_context(units, (), source_lang, target_lang, pretokenised.kept()), exclude)


def _surface(ctx: Context, o: Occurrence) -> str:
    """The words the target has instead of the approved form (a near miss, a forbidden
    variant, the likely words, or for a do-not-translate name its altered spelling)."""
    seg = ctx.segments[o.segment]
    e = ctx.entries[o.entry]
    if e.dnt:
        near = nearest(e.entry.source, seg.tgt)
        return seg.unit.target[near.start:near.end] if near else ""
    a, b = span(seg.tgt, o.target)
    return seg.unit.target[a:b]


def _stats(ctx: Context) -> tuple[TermStats, ...]:
    out = []
    by_entry = occurrences_by_entry(ctx)
    for i, e in enumerate(ctx.entries):
        occ = by_entry.get(i, [])
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
