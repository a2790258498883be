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
    max_bead: int = 4
    # Beads below this confidence go to unaligned.tsv instead of the TMX (0 keeps all).
    min_score: float = 0.0
    # User dictionary / glossary anchors: (source phrase, target phrase) pairs; a bead whose
    # sides contain both phrases of an entry shares one feature (docs/alignment.md).
    dictionary: tuple[tuple[str, str], ...] = ()
    # Cost weights, fitted on textberg dev only by scripts/bench_align.py --fit (docs/alignment.md).
    length_weight: float = 1.0  # Gale & Church length term (-log tail probability)
    similarity_weight: float = 6.5  # (1 - cosine) of the hashed feature vectors, Vecalign-normalised
    prior_weight: float = 1.0  # -log of Gale & Church's bead-type priors
    skip_cost: float = 12.0  # the first 0-1 bead of a run
    drop_cost: float = 12.0  # each 1-0 bead (a source sentence the translator dropped)
    short_chars: float = 0.0  # target sentences shorter than this are cheaper to leave out (0: off)
    gap_extend: float = 4.0  # each further 0-1 bead of a run (insertions come in runs)
    fragment_end_cost: float = 0.05  # each target sentence skipped before/after a fragment
    fragment_end_open: float = 3.0  # once, if any: so a fragment's edge bead may still be 1-2
    # Hashed feature dimensions: memory is 4 bytes x dims per sentence and side.
    dims: int = 512
    # Second pass with a lexicon learned from the first pass's confident beads.
    bootstrap: bool = True


@dataclass(frozen=True)
class CheckConfig:
    """How terms are checked."""

    source_lang: str = "en"
    target_lang: str = "fr"
    # A rendering seen in fewer beads than this is not reported as a rival rendering.
    min_occurrences: int = 2
    discover: bool = True
