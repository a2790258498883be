"""``DIR/review.json``: every decision, saved at once and atomically.

Written to a temporary file in the same folder, flushed and ``fsync``-ed, then renamed
over the old one (and the folder ``fsync``-ed), so a killed server, a crash or a power cut
leaves either the previous state or the new one, never half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from align.errors import DataError
from align.review.source import RunData

REVIEW_FILE = "review.json"
FORMAT = "align-review"


def fingerprint(run: RunData) -> str:
    """Which run the decisions were made on (a rerun on other inputs gets another one)."""
    h = hashlib.sha256()
    for side in (run.source, run.target):
        for text in side:
            h.update(text.encode("utf-8", "surrogatepass") + b"\x00")
        h.update(b"\x01")
    return h.hexdigest()[:16]


def write_json_atomic(path: Path, data: Any) -> None:
    """Replace ``path`` with ``data`` as JSON, durably (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, blob: bytes) -> None:
    """Replace ``path`` with ``blob``: temporary file in the same folder, fsync, rename, fsync the folder."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # a folder cannot be opened for fsync on every system
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def review_document(run: RunData, decisions: Sequence[dict[str, Any]],
                    stale: Sequence[tuple[dict[str, Any], str]], profile: str = "",
                    profile_added: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    return {
        "format": FORMAT, "version": 1, "document": run.document, "run": fingerprint(run),
        "saved": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "decisions": list(decisions),
        "stale": [{"decision": d, "reason": why} for d, why in stale],
        "profile": {"file": profile, "added": [{"check": c, "term": t} for c, t in sorted(profile_added)]},
    }


def read_review(path: Path) -> tuple[list[Any], list[tuple[dict[str, Any], str]], set[tuple[str, str]]]:
    """(decisions, stale, rules the review added to the profile) from a saved ``review.json``.

    A broken file is refused, never overwritten."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: cannot be read back ({exc})",
                        hint="move it aside to start the review afresh") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("decisions"), list):
        raise DataError(f"{path}: not a review file written by align review")
    stale = [(s.get("decision"), str(s.get("reason", ""))) for s in data.get("stale", []) if isinstance(s, dict)]
    profile = data.get("profile") if isinstance(data.get("profile"), dict) else {}
    added = {(str(a.get("check", "")), str(a.get("term", ""))) for a in profile.get("added", []) if isinstance(a, dict)}
    return data["decisions"], stale, added
