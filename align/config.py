"""Every tunable, as a named field with the reason for its default.

A config object is frozen and hashable so that it can be written into the signature of a
TMX header or a report: a number is only reproducible with the settings that made it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SegmentConfig:
    """How text is cut into sentences."""

    lang: str = "en"
    srx: str | None = None  # path to an SRX 2.0 file; None = Punkt + rules
    srx_lang: str | None = None  # language code used to pick SRX language rules
    # Text extracted from PDF: a line followed by a lower-case word goes on (en-040 golden rule).
    wrapped: bool = False


@dataclass(frozen=True)
class AlignConfig:
    """How sentences are aligned."""

    # Gale & Church 1993: beads wider than 3 sentences are rare in real translations.
    max_bead: int = 3
    # Beads below this confidence go to unaligned.tsv instead of the TMX (0 keeps all).
    min_score: float = 0.0


@dataclass(frozen=True)
class CheckConfig:
    """How terms are checked."""

    source_lang: str = "en"
    target_lang: str = "fr"
    # A rendering seen in fewer beads than this is not reported as a rival rendering.
    min_occurrences: int = 2
    discover: bool = True
