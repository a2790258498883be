"""A reproducibility signature, in sacrebleu's manner: ``key:value|key:value|…``.

Post (2018) showed that BLEU scores were incomparable because the settings that made them
went unreported; sacrebleu prints a signature with every setting that changes the number.
Ours names the settings a reader checks first (version, languages, segmentation, minimum
score, glossary, checks) and ends with a short digest of *all* the alignment and check
tunables, so two runs with the same signature made their numbers the same way. It is
written into the TMX header (``<prop type="x-align-signature">``), ``findings.json``,
``report.html`` and each batch pair's marker.
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple, replace
from typing import TYPE_CHECKING

from align import __version__

if TYPE_CHECKING:
    from align.config import RunSettings

PROP = "x-align-signature"


def _digest(*values: object) -> str:
    return hashlib.blake2b(repr(values).encode("utf-8"), digest_size=4).hexdigest()


def signature(s: RunSettings) -> str:
    """``align:1.0|lang:en-US>fr-FR|seg:rules|wrap:no|min:0.00|gloss:…|checks:…|cfg:…``."""
    seg = s.segment
    srx = f"srx={seg.srx.rsplit('/', 1)[-1]}" if seg.srx else "rules"
    if seg.srx and seg.srx_lang:
        srx += f"@{seg.srx_lang}"
    gloss = "none"
    if s.glossary:
        gloss = s.glossary.replace("\\", "/").rsplit("/", 1)[-1]
        gloss += f"#{s.glossary_digest}" if s.glossary_digest else ""
    c = s.checks
    checks = "all" if not (c.disabled or c.only or c.severities) and c.shown_per_check == 20 else _digest(
        sorted(c.disabled), sorted(c.only), c.severities, c.shown_per_check)
    ignored = len(c.ignore_ids) + len(c.ignore_rules) + len(c.intentional_english)
    align = s.align
    tunables = _digest(astuple(replace(align, min_score=0.0)), astuple(replace(seg, lang="", srx=None)), c.discover)
    return "|".join((
        f"align:{__version__}", f"lang:{s.source_lang}>{s.target_lang}", f"seg:{srx}",
        f"wrap:{'yes' if seg.wrapped else 'no'}", f"min:{align.min_score:.2f}", f"gloss:{gloss}",
        f"checks:{checks}", f"ignore:{ignored}{'+file' if s.ignore_file else ''}", f"cfg:{tunables}",
    ))
