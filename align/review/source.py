"""What a review starts from: the run's sentences, units and findings, as frozen data.

``align run`` writes ``alignment.json`` beside the TMX: both documents' sentences, every
unit with its sentence indices, and the reason for each unaligned sentence. The TMX and
TSV alone cannot be reviewed: they join a unit's sentences with a space (so a 2-1 unit
cannot be split again) and they do not say where an unaligned sentence sits.
``findings.json`` (the term report) gives the findings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.errors import DataError, UsageError
from align.model import SOURCE, TARGET, Finding, PairResult

ALIGNMENT_FILE = "alignment.json"
FINDINGS_FILE = "findings.json"
FORMAT = "align-alignment"


@dataclass(frozen=True, slots=True)
class RunUnit:
    """One unit (or one unaligned sentence) as the run left it."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float
    tuid: str = ""
    reason: str = ""


@dataclass(frozen=True)
class RunData:
    """The run as the review reads it: sentences, units in the run's order, findings."""

    source: tuple[str, ...]
    target: tuple[str, ...]
    units: tuple[RunUnit, ...]
    reasons: tuple[tuple[tuple[str, int], str], ...]
    """((side, index), reason) for every sentence the run left out of all units."""
    findings: tuple[Finding, ...] = ()
    source_lang: str = "en"
    target_lang: str = "fr"
    document: str = ""


def alignment_data(result: PairResult, source_lang: str, target_lang: str, document: str = "") -> dict[str, Any]:
    """``alignment.json`` for a pipeline result (what ``align run`` writes for the review)."""
    return {
        "format": FORMAT, "version": 1, "document": document,
        "source": {"lang": source_lang, "sentences": [s.text for s in result.source.sentences]},
        "target": {"lang": target_lang, "sentences": [s.text for s in result.target.sentences]},
        "units": [{"src": list(b.src), "tgt": list(b.tgt), "score": round(b.score, 4), "tuid": u.tuid}
                  for b, u in zip(result.unit_beads, result.units, strict=True)],
        "unaligned": [{"side": u.side, "index": u.index, "reason": u.reason} for u in result.unaligned],
    }


def parse_alignment(data: Any, name: str = ALIGNMENT_FILE) -> RunData:
    """Check and read ``alignment.json``; a file that breaks conservation is refused."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise DataError(f"{name}: not an alignment written by align run")
    try:
        source = tuple(str(s) for s in data["source"]["sentences"])
        target = tuple(str(s) for s in data["target"]["sentences"])
        units = tuple(RunUnit(tuple(map(int, u["src"])), tuple(map(int, u["tgt"])),
                              float(u.get("score", 0.0)), str(u.get("tuid", ""))) for u in data["units"])
        reasons = tuple(((str(u["side"]), int(u["index"])), str(u.get("reason", ""))) for u in data["unaligned"])
        langs = (str(data["source"].get("lang", "en")), str(data["target"].get("lang", "fr")))
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{name}: malformed ({type(exc).__name__}: {exc})") from exc
    _check_conservation(source, target, units, reasons, name)
    return RunData(source, target, units, reasons, (), langs[0], langs[1], str(data.get("document", "")))


def _check_conservation(source: Sequence[str], target: Sequence[str], units: Sequence[RunUnit],
                        reasons: Sequence[tuple[tuple[str, int], str]], name: str) -> None:
    seen = {SOURCE: [0] * len(source), TARGET: [0] * len(target)}
    marks = [(SOURCE, i) for u in units for i in u.src] + [(TARGET, j) for u in units for j in u.tgt]
    marks += [key for key, _ in reasons]
    for side, i in marks:
        if side not in seen or not 0 <= i < len(seen[side]):
            raise DataError(f"{name}: refers to {side} sentence {i}, which does not exist")
        seen[side][i] += 1
    for side, counts in seen.items():
        bad = next((i for i, c in enumerate(counts) if c != 1), None)
        if bad is not None:
            raise DataError(f"{name}: {side} sentence {bad} is in {counts[bad]} places, not exactly one")


def parse_findings(data: Any, name: str = FINDINGS_FILE) -> tuple[Finding, ...]:
    """The findings of ``findings.json`` (fields the review does not know are ignored)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("findings"), list):
        raise DataError(f"{name}: no findings list")
    out = []
    for f in data["findings"]:
        try:
            out.append(Finding(
                str(f["id"]), str(f["check"]), str(f.get("severity", "warning")), str(f.get("term", "")),
                str(f.get("found", "")), str(f.get("expected", "")), str(f.get("bead", "")),
                str(f.get("source", "")), str(f.get("target", "")), str(f.get("message", "")),
                tuple(f.get("source_span") or (0, 0))[:2], tuple(f.get("target_span") or (0, 0))[:2]))
        except (KeyError, TypeError) as exc:
            raise DataError(f"{name}: malformed finding ({exc})") from exc
    return tuple(out)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not valid UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc


def load_run(directory: str | Path) -> RunData:
    """Read the output folder of ``align run`` (or one pair's folder of ``align batch``)."""
    folder = Path(directory)
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder", hint="give the output folder of align run")
    path = folder / ALIGNMENT_FILE
    if not path.is_file():
        pairs = sorted(p.parent.name for p in folder.glob(f"*/{ALIGNMENT_FILE}"))
        if pairs:
            raise UsageError(f"{folder}: this is an align batch folder; review one pair at a time",
                             hint=f"e.g. align review {folder / pairs[0]}")
        raise UsageError(f"{folder}: no {ALIGNMENT_FILE} here",
                         hint="give the output folder of align run (rerun it with this version if it is older)")
    run = parse_alignment(_read_json(path), str(path))
    findings_path = folder / FINDINGS_FILE
    findings = parse_findings(_read_json(findings_path), str(findings_path)) if findings_path.is_file() else ()
    return RunData(run.source, run.target, run.units, run.reasons, findings, run.source_lang, run.target_lang,
                   run.document)
