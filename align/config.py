"""Every setting, in one home: each tunable a named field with the reason for its default.

A config object is frozen and hashable so that it can be written into the signature of a
TMX header or a report: a number is only reproducible with the settings that made it.
``RunSettings`` gathers everything one job needs (languages, segmentation, alignment,
checks, glossary, ignore rules, SRX); ``align.settings`` reads it from a project profile
(``align.toml``) and ``align.signature`` turns it into a short stable string.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SegmentConfig:
    """How text is cut into sentences."""

    lang: str = "en"
    # An SRX 2.0 file (a path) or a shipped rule set's name; None = Punkt + our rules.
    srx: str | None = None
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
    # A unit whose cosine is under this share of the document's median shares no evidence at
    # all (a heading only the translation has, paired with a neighbour): its confidence is
    # capped at what such units scored on textberg dev (11 of 15 right; docs/alignment.md).
    no_evidence_share: float = 0.05
    no_evidence_cap: float = 0.7
    # Coarse-to-fine search: columns added each side of a coarse path's projection (plus the
    # block size), and of an earlier pass's path; where the path runs within ``band_edge``
    # columns of the band's inner edge the band is widened there, at most ``widen_rounds``
    # times (docs/alignment.md, "Length invariance").
    band_margin: int = 16
    guide_margin: int = 8
    band_edge: int = 2
    widen_rounds: int = 5
    # Fragments and their edges (docs/alignment.md, "Fragments"). A single passage at least
    # this share of the target's length is the whole document, not a fragment to locate.
    whole_share: float = 0.5
    # The in-order reading must expect this many times the fragment reading's right units to
    # override the user's blank lines (Candide cut into 10-sentence passages: 1,091 against 503).
    in_order_margin: float = 1.1
    # A fragment's edge bead takes its free neighbour if the cosine gains this much with a
    # length cost at most ``edge_length`` worse (or the length improves by half of it).
    edge_gain: float = 0.02
    edge_length: float = 1.0
    # A sentence under ``stray_share`` of its bead's side is cut out of the bead when the cosine
    # gains this share and the length cost improves by ``stray_length`` (a dropped sentence).
    stray_share: float = 0.3
    stray_gain: float = 0.05
    stray_length: float = 0.25
    # The lexicon pass (IBM Model 1 from the first pass's 1-1 beads, as hunalign and Moore 2002).
    seed_length: float = 3.0  # seed beads must fit Gale & Church's length model this well (-log P)
    one_sided_weight: float = 0.5  # features absent from the other side of the document
    lexicon_iterations: int = 5  # Model 1's likelihood is convex: a few iterations from uniform
    lexicon_min_prob: float = 0.2  # t(target | source) below this is noise (a function word's spread)
    lexicon_min_count: int = 2  # a word seen in one seed bead only has no reliable translation
    lexicon_max_sources: int = 4  # source words kept per target word (a function word collects many)
    # Seed beads counted, evenly spread over the book: enough for a lexicon, and the EM's cost
    # stays bounded on a 100k book (2,000-5,000 move the joined F1 by +-0.005, no trend).
    lexicon_max_seeds: int = 3000
    lexicon_max_cells: int = 4_000_000  # (source word, target token) rows: bounds very long beads
    # A coarse level too large for the full matrix is searched in a band of this many blocks
    # (of 8 sentences) each side of the diagonal, re-widened where its path binds.
    diagonal_band: int = 32
    # A document of up to ``full_cells`` cells ((n + 1) x (m + 1)) is solved over its full
    # matrix; a larger one first on blocks of ``block`` sentences (vectors and lengths summed),
    # whose path guides the sentence band; that coarse level over its full matrix up to
    # ``coarse_cells`` cells, past it in the diagonal band. ``coarse_levels``: one level only,
    # blocks of 64 carried too little evidence and lost the path (docs/alignment.md).
    full_cells: int = 1_000_000
    coarse_cells: int = 100_000
    block: int = 8
    coarse_levels: int = 1
    # (1 - cos) of a bead is scaled by its mean side width to this power (Vecalign: 1).
    span_power: float = 1.0


SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class CheckConfig:
    """How terms are checked: which checks run, how severe each is, what a reviewer accepted.

    A project decides these once (``[checks]`` in ``align.toml``) so that a reviewer's
    decision applies to the next run. ``ignore_rules`` are ``(term, check)`` pairs, ``""``
    meaning any: "never flag *Candide* as not kept" is ``("Candide", "name_not_kept")``.
    """

    disabled: frozenset[str] = frozenset()
    only: frozenset[str] = frozenset()  # empty: every registered check
    severities: tuple[tuple[str, str], ...] = ()  # (check id, error|warning|info)
    ignore_ids: frozenset[str] = frozenset()  # finding ids (stable across runs)
    ignore_rules: tuple[tuple[str, str], ...] = ()
    intentional_english: tuple[str, ...] = ()  # passages kept in the source language on purpose
    # Segment-consistency checks: groups shown in the report, the rest counted (no flood).
    shown_per_check: int = 20
    # Term discovery without a glossary (C-value, Dice/LLR; docs/terms.md).
    discover: bool = True
    # Source sentences whose language is detected, evenly spaced (0: all of them). Every
    # target sentence is always detected (English left in the French file); the source's
    # labels only feed the "SOURCE and TARGET look swapped" warning, for which a sample is
    # enough, and detecting all of them was half of the language stage (docs/reliability.md).
    # The summary says when the sample applies.
    source_language_sample: int = 2000

    def enabled(self, check_id: str) -> bool:
        return check_id not in self.disabled and (not self.only or check_id in self.only)

    def severity(self, check_id: str, default: str) -> str:
        return dict(self.severities).get(check_id, default)


@dataclass(frozen=True)
class RunSettings:
    """Everything one job needs besides its input files: the front door's single value.

    Built from the command line over a project profile (``align.settings``); the same value
    gives the same numbers through ``align run``, ``align terms``, ``align demo`` and each
    pair of ``align batch``, and its ``signature()`` says which settings made them.
    ``source_lang``/``target_lang`` are the tags the user gave (``en-US``), canonical case;
    stages that only need the language (segmenter, detector, stemmer) take its base.
    ``glossary`` and ``ignore_file`` are paths; ``glossary_digest`` is the glossary's
    content hash, filled in when it is read, so that an edited glossary changes the signature.
    """

    source_lang: str = "en"
    target_lang: str = "fr"
    segment: SegmentConfig = field(default_factory=SegmentConfig)
    align: AlignConfig = field(default_factory=AlignConfig)
    checks: CheckConfig = field(default_factory=CheckConfig)
    glossary: str | None = None
    glossary_digest: str = ""
    ignore_file: str | None = None
    profile: str | None = None  # the align.toml these settings came from (not in the signature)
    # Processes one job may use (not in the signature: the results are the same either way).
    # 0, automatic: a helper process runs term discovery beside the other checks when the
    # two texts hold ``helper_from`` characters or more and the machine has a second core
    # (align.runtime); 1: this process only (``align batch`` runs each pair so, its pool
    # already using the cores). Below about 1,500 sentences (200,000 characters) starting
    # an interpreter costs more than discovery takes.
    workers: int = 0
    helper_from: int = 200_000

    @property
    def min_score(self) -> float:
        return self.align.min_score

    @property
    def srx(self) -> str | None:
        return self.segment.srx

    def signature(self) -> str:
        """The short stable string of every setting that can change a number (sacrebleu's way)."""
        from align.signature import signature

        return signature(self)
