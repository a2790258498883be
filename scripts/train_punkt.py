"""Rebuild align/segment/data/punkt_{en,fr}.json from the project's own sample texts, and
with ``--ud DIR`` also data/punkt_en_ud.json from UD English-EWT train text.

Usage: python scripts/train_punkt.py [--ud DIR]   (run from the repository root)
The texts are parallel/ (written by the team), so the learned parameters may be shipped.
From UD (CC BY-SA 4.0) only the learned abbreviation list is shipped, learned from the EWT
train documents that are not held out (``ud_boundaries.split_documents``); DIR holds
``en_ewt-ud-train.conllu`` (docs/segmentation.md says how to make it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from align.segment.train import to_json, train, ud_abbreviations

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ud_boundaries import HELD_OUT_EVERY, conllu_texts

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "en": ["parallel/interview.full.en.txt"],
    "fr": ["parallel/interview.fr.txt"],
}
UD_SOURCE = "UD_English-EWT @15d613d train, documents not held out (CC BY-SA 4.0)"


def ud_documents(path: Path) -> list[str]:
    """The EWT train documents used for learning, each as one text."""
    docs: dict[int, list[str]] = {}
    for doc, text in conllu_texts(path):
        if doc % HELD_OUT_EVERY != HELD_OUT_EVERY - 1:
            docs.setdefault(doc, []).append(text)
    return [" ".join(sentences) for sentences in docs.values()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, help="Folder with en_ewt-ud-train.conllu.")
    args = parser.parse_args()
    data = ROOT / "align" / "segment" / "data"
    for lang, names in SOURCES.items():
        texts = [(ROOT / name).read_text(encoding="utf-8") for name in names]
        out = data / f"punkt_{lang}.json"
        out.write_text(to_json(train(texts, lang)), encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
    if args.ud:
        out = data / "punkt_en_ud.json"
        docs = ud_documents(args.ud / "en_ewt-ud-train.conllu")
        out.write_text(to_json(ud_abbreviations(docs, "en", UD_SOURCE)), encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
