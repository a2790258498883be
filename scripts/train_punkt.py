"""Rebuild align/segment/data/punkt_{en,fr}.json from the project's own sample texts.

Usage: python scripts/train_punkt.py   (run from the repository root)
The texts are parallel/ (written by the team), so the learned parameters may be shipped.
"""

from __future__ import annotations

from pathlib import Path

from align.segment.train import to_json, train

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "en": ["parallel/interview.full.en.txt"],
    "fr": ["parallel/interview.fr.txt"],
}


def main() -> None:
    for lang, names in SOURCES.items():
        texts = [(ROOT / name).read_text(encoding="utf-8") for name in names]
        out = ROOT / "align" / "segment" / "data" / f"punkt_{lang}.json"
        out.write_text(to_json(train(texts, lang)), encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
