"""The term reports in the writer registry, and the set of files ``align run`` writes.

``align.formats.writers`` holds the registry and the unit writers (TMX, TSV, CSV, Moses,
links, unaligned); this module registers the reports made from findings and term
statistics (``terms``, ``issues``, ``json``, ``html``), which need layer-2 modules (pandas
tables, the HTML page). Import the registry from here to see every writer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import BrokenExecutor, Executor, Future
from contextvars import ContextVar
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import IO, Any

from align.errors import UsageError
from align.formats.tmx_write import TmxHeader
from align.formats.writers import (
    HEADER_FIELDS,
    WRITERS,
    Bundle,
    Writer,
    Written,
    csv_writer,
    get_writer,
    register,
    write_to,
)
from align.model import SOURCE, TARGET, Finding, PairResult, TranslationUnit
from align.pipeline import REASON_NO_PARTNER
from align.report.html import render_html
from align.report.json import _Unusual, _value, dumps, records_text, report_data
from align.report.tables import ISSUE_COLUMNS, _title, findings_frame, terms_frame
from align.report.xlsx import write_findings_xlsx
from align.review.source import ALIGNMENT_FILE, alignment_data
from align.review.source import FORMAT as ALIGNMENT_FORMAT
from align.terms import CHECKS
from align.terms.checks import held_units, unit_identity

__all__ = ["RUN_OUTPUTS", "TERM_OUTPUTS", "WRITERS", "Bundle", "Writer", "Written", "bundle_of", "get_writer",
           "output_files", "write_outputs", "write_set"]


def _frame_csv(fh: IO[str], frame: Any, bom: bool) -> None:
    writer = csv_writer(fh, bom)
    writer.writerow(list(frame.columns))
    writer.writerows(frame.itertuples(index=False, name=None))


# The report data of the bundles being written by ``write_set`` (by id, with the bundle
# itself so the id cannot be reused): ``findings.json`` and ``report.html`` are drawn from
# the same data, built once (0.2 s at 20,000 sentences). Per context, so threads of a
# batch each have their own, and dropped when ``write_set`` returns.
_MEMO: ContextVar[dict[int, tuple[Bundle, dict[str, Any]]] | None] = ContextVar("report_data_memo", default=None)


def _data(b: Bundle) -> dict[str, Any]:
    memo = _MEMO.get()
    if memo is not None and id(b) in memo and memo[id(b)][0] is b:
        return memo[id(b)][1]
    data = report_data(b.terms, b.findings, b.name, b.ignored)
    if b.signature:
        data["signature"] = b.signature
    if memo is not None:
        memo[id(b)] = (b, data)
    return data


def _terms(fh: IO[str], b: Bundle) -> list[str]:
    _frame_csv(fh, terms_frame(b.terms), b.bom)
    return []


def _issues(fh: IO[str], b: Bundle) -> list[str]:
    rows = _issue_rows(b.findings)
    if rows is None:
        _frame_csv(fh, findings_frame(b.findings), b.bom)
    else:
        writer = csv_writer(fh, b.bom)
        writer.writerow(list(ISSUE_COLUMNS))
        writer.writerows(rows)
    return []


_ISSUE_FIELDS = attrgetter("id", "check", "severity", "term", "found", "expected", "bead", "source", "target",
                           "message", "check", "unit_type", "confidence", "group")
_CONFIDENCE = ISSUE_COLUMNS.index("confidence")
_TITLE = ISSUE_COLUMNS.index("title")


def _issue_rows(findings: Sequence[Finding]) -> list[list[Any]] | None:
    """The rows of ``issues.csv`` as ``findings_frame`` gives them, without pandas, when its
    columns are plain: strings, and floats for ``confidence`` (a DataFrame keeps such
    columns as they are and ``itertuples`` gives them back as Python values); None
    otherwise (the frame decides). Building the frame cost 0.3 s for 15,000 findings."""
    if set(map(type, findings)) - {Finding}:
        return None
    rows = [list(_ISSUE_FIELDS(f)) for f in findings]
    if not rows:
        return rows
    columns = list(zip(*rows, strict=True))
    for k, column in enumerate(columns):
        if k != _TITLE and set(map(type, column)) != ({float} if k == _CONFIDENCE else {str}):
            return None
    titles = {check: _title(check) for check in set(columns[_TITLE])}
    if set(map(type, titles.values())) != {str}:
        return None
    for row in rows:
        row[_TITLE] = titles[row[_TITLE]]
    return rows


def _json(fh: IO[str], b: Bundle) -> list[str]:
    fh.write(dumps(_data(b)))
    return []


def _html(fh: IO[str], b: Bundle) -> list[str]:
    fh.write(render_html(_data(b), b.report_units))
    return []


def _issues_xlsx(fh: IO[bytes], b: Bundle) -> list[str]:
    write_findings_xlsx(fh, b.findings)
    return []


def _alignment(fh: IO[str], b: Bundle) -> list[str]:
    if b.result is None:
        raise UsageError("the review data (alignment.json) is written from a whole run only")
    fh.write(alignment_text(b.result, b.srclang, b.tgtlang, b.name))
    return []


_UNIT_KEYS = ["src", "tgt", "score", "tuid"]


def alignment_text(result: PairResult, source_lang: str, target_lang: str, document: str = "") -> str:
    """``dumps(alignment_data(...))``, the same text, without a dict per unit: the units go
    to the encoder as columns read from the beads and units (building 100,000 dicts, then
    taking them apart again, was 0.2 s of a 100k run's 0.9 s for this file). Anything the
    columns cannot take (units and beads of different lengths, a value that is not plain
    JSON) is left to the old way, which says what is wrong as it always did."""
    try:
        text = _alignment_columns(result, source_lang, target_lang, document)
    except (_Unusual, RecursionError, TypeError, ValueError, AttributeError):
        text = None
    return text if text is not None else dumps(alignment_data(result, source_lang, target_lang, document))


def _alignment_columns(result: PairResult, source_lang: str, target_lang: str, document: str) -> str | None:
    beads, units = result.unit_beads, result.units
    if len(beads) != len(units):
        return None
    head = {
        "format": ALIGNMENT_FORMAT, "version": 1, "document": document,
        "source": {"lang": source_lang, "sentences": list(map(attrgetter("text"), result.source.sentences))},
        "target": {"lang": target_lang, "sentences": list(map(attrgetter("text"), result.target.sentences))},
    }
    out: list[str] = []
    _value(head, 0, out)
    if out[-1] != "\n}":
        return None
    out[-1] = ",\n \"units\": " + records_text(_UNIT_KEYS, [
        list(map(list, map(attrgetter("src"), beads))), list(map(list, map(attrgetter("tgt"), beads))),
        list(map(round, map(attrgetter("score"), beads), repeat(4))), list(map(attrgetter("tuid"), units))], 1)
    unaligned = [{"side": u.side, "index": u.index, "reason": u.reason} for u in result.unaligned]
    out.append(",\n \"unaligned\": ")
    _value(unaligned, 1, out)
    out.append("\n}\n")
    return "".join(out)


for _w in (
    Writer("terms", "terms.csv", "one row per term and rendering, with counts and scores", _terms),
    Writer("issues", "issues.csv", "one row per finding", _issues),
    Writer("issues-xlsx", "issues.xlsx", "the findings and their groups as a spreadsheet (status, comment columns)",
           _issues_xlsx, binary=True),
    Writer("json", "findings.json", "scores, checks, findings and terms, for scripts", _json),
    Writer("html", "report.html", "one self-contained page for the reviewer", _html),
    Writer("review", ALIGNMENT_FILE, "every sentence and unit, as align review reads them", _alignment),
):
    register(_w)

TITLES = tuple((c.id, c.title) for c in CHECKS.values())
TERM_OUTPUTS = ("terms", "issues", "json", "html")
RUN_OUTPUTS = ("tmx", "tsv", "unaligned", "review", *TERM_OUTPUTS)
TERM_FILES = tuple(WRITERS[n].filename for n in TERM_OUTPUTS)
OUTPUT_FILES = tuple(WRITERS[n].filename for n in RUN_OUTPUTS)


def output_files(names: Iterable[str]) -> tuple[str, ...]:
    """The file names the writers ``names`` create in an output folder."""
    return tuple(get_writer(n).filename for n in names)


def bundle_of(result: PairResult, srclang: str, tgtlang: str, signature: str = "", bom: bool = False) -> Bundle:
    """What every output of one pair is written from."""
    alone = tuple(TranslationUnit("", u.text, f"t{u.index + 1:04d}", 0.0, "0-1") for u in result.unaligned
                  if u.side == TARGET)
    alone += tuple(TranslationUnit(u.text, "", f"s{u.index + 1:04d}", 0.0, "1-0") for u in result.unaligned
                   if u.side == SOURCE and u.reason == REASON_NO_PARTNER)
    name = next((u.document for u in result.units if u.document), result.target.name)
    # run_pair already left untranslated target sentences out of the alignment (each
    # labelled once, with the document's language as prior): the TMX writer does not detect again.
    return Bundle(result.units, srclang, tgtlang, signature, result.unaligned, result.alignment.beads, result.terms,
                  result.findings, result.units + alone, name, result.ignored, bom, result=result, titles=TITLES)


def write_set(outdir: str | Path, names: Sequence[str], bundle: Bundle,
              helper: Executor | None = None) -> tuple[dict[str, Path], list[str]]:
    """Write the outputs ``names`` into ``outdir``; their paths by file name, and lines to print.

    ``helper``: ``align run``'s helper process, which holds the job's units (the term
    stage's context): the outputs written from the units alone (the TMX, the TSV) are
    written there while this process writes the reports (1.7 s of writing at 100,000
    sentences, half a second of it the TMX and the TSV). Same files; whatever the helper
    cannot write (it died, or holds other units) is written here, and an error it meets
    writing is raised here, as it would have been.
    """
    out = Path(outdir)
    shared = [n for n in names if get_writer(n).units_only] if helper is not None else []
    elsewhere = _submit_writes(helper, shared, out, bundle) if shared else None
    done: dict[str, Written] = {}
    token = _MEMO.set({})
    try:
        for name in names:
            if elsewhere is not None and name in shared:
                continue
            done[name] = write_to(name, out / get_writer(name).filename, bundle)
        there = _written(elsewhere)
        for name in shared:
            done[name] = there[name] if name in there else write_to(name, out / get_writer(name).filename, bundle)
    finally:
        _MEMO.reset(token)
    paths = {get_writer(n).filename: done[n].paths[0] for n in names}
    return paths, [line for n in names for line in done[n].lines]


def _submit_writes(helper: Executor | None, names: Sequence[str], out: Path, bundle: Bundle) -> Future | None:
    units = bundle.units if isinstance(bundle.units, Sequence) else None
    if helper is None or units is None:
        return None  # a one-pass stream of units is written here, once
    fields = {f: getattr(bundle, f) for f in HEADER_FIELDS}
    try:
        return helper.submit(write_held, tuple(names), str(out), fields, unit_identity(units))
    except (BrokenExecutor, RuntimeError):
        return None


def _written(future: Future | None) -> dict[str, Written]:
    if future is None:
        return {}
    try:
        found = future.result()
    except BrokenExecutor:
        return {}
    return {} if found is None else {name: Written(list(paths), list(lines)) for name, paths, lines in found}


def write_held(names: Sequence[str], outdir: str, fields: dict[str, Any], identity: tuple[int, int],
               ) -> list[tuple[str, list[Path], list[str]]] | None:
    """The helper's task: the outputs ``names`` written from the job's units it holds
    (None if it holds none, or others)."""
    units = held_units(identity)
    if units is None:
        return None
    bundle = Bundle(units, **fields)
    out = []
    for name in names:
        written = write_to(name, Path(outdir) / get_writer(name).filename, bundle)
        out.append((name, written.paths, written.lines))
    return out


def write_outputs(result: PairResult, outdir: str | Path, header: TmxHeader | None = None,
                  signature: str = "") -> dict[str, Path]:
    """Every output of ``align run`` for ``result`` in ``outdir`` (languages from ``header``)."""
    h = header or TmxHeader()
    return write_set(outdir, RUN_OUTPUTS, bundle_of(result, h.srclang, h.tgtlang, signature))[0]
