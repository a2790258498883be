"""Learning Punkt parameters from text the project may ship (Kiss & Strunk 2006).

``PunktTrainer`` finds abbreviations, collocations, frequent sentence starters and each
word's orthographic context (capitalised where, lower case where). The learned parameters
are written as JSON into ``data/punkt_{lang}.json`` by ``scripts/train_punkt.py`` so that
nothing is trained at run time; ``align.segment.punkt`` merges them with curated lists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from nltk.tokenize.punkt import PunktTrainer

from align.segment.punkt import LanguageVars, load_list


def train(texts: Iterable[str], lang: str) -> dict:
    """Train on ``texts`` with the curated abbreviations known in advance; JSON-ready dict.

    Known abbreviations are fed as training text ("M. ") so that the trainer does not count
    their periods as sentence ends when it learns sentence starters.
    """
    trainer = PunktTrainer(lang_vars=LanguageVars())
    trainer.INCLUDE_ALL_COLLOCS = True
    for text in texts:
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    params = trainer.get_params()
    curated = load_list(f"abbrev_{lang}.txt")
    return {
        # A small corpus makes Punkt's log-likelihood test call words like "non" (« Non. »)
        # abbreviations; only learned types with an inner period (p.ex, a.m) are trusted.
        "abbrev_types": sorted(a for a in set(params.abbrev_types) - curated if "." in a),
        "collocations": sorted(list(pair) for pair in params.collocations),
        "sent_starters": sorted(params.sent_starters),
        "ortho_context": dict(sorted(params.ortho_context.items())),
    }


def to_json(params: dict) -> str:
    """Stable serialisation, so that a rebuild with the same texts gives the same file."""
    return json.dumps(params, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def ud_abbreviations(texts: Iterable[str], lang: str, source: str) -> dict:
    """Abbreviations ``PunktTrainer`` learns from treebank text, those with an inner period
    only (``p.o``, ``f.o.b``; see ``train``) and not already curated, with their source.

    Only this list is shipped (the treebank's licence allows derived data, not its sentences);
    the rest of what Punkt learns from EWT web text (collocations such as ``day. therefore``,
    names as sentence starters) did not help on the held-out documents.
    """
    trainer = PunktTrainer(lang_vars=LanguageVars())
    for text in texts:
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    curated = load_list(f"abbrev_{lang}.txt")
    found = sorted(a for a in set(trainer.get_params().abbrev_types) - curated if "." in a)
    return {"source": source, "abbrev_types": found}
