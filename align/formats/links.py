"""The Vecalign / Bleualign link format: one bead per line, ``[src ids]:[tgt ids]``.

It is diffable and is what the shared gold standards and peer outputs use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from align.errors import DataError
from align.model import Bead

_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::\s*([-+\d.eE]+))?\s*$")


def format_bead(bead: Bead) -> str:
    return f"[{', '.join(map(str, bead.src))}]:[{', '.join(map(str, bead.tgt))}]"


def format_links(beads: Iterable[Bead]) -> str:
    return "".join(format_bead(b) + "\n" for b in beads)


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.replace(",", " ").split())


def parse_links(text: str, name: str = "links") -> list[Bead]:
    """Parse link lines; a third ``:score`` field (Vecalign's output) is kept as the score."""
    beads = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = _LINE.match(line)
        if not m:
            raise DataError(f"{name}:{n}: not a link line: {line.strip()[:60]!r}", hint="expected [0]:[0, 1]")
        score = float(m.group(3)) if m.group(3) else 1.0
        beads.append(Bead(_ids(m.group(1)), _ids(m.group(2)), score))
    return beads
