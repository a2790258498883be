"""Boundary precision / recall / F1 on Universal Dependencies text, and the extra peers.

Used by ``scripts/bench_segment.py`` and ``scripts/train_punkt.py``. The scoring is the one
``../shared/segmentation/ud/README.md`` describes (wtpsplit/SaT's): each chunk of 10
consecutive sentences (a ``# newdoc`` ends a chunk) is joined by one space; a boundary is
an offset in the chunk's text with whitespace removed; the chunk's own start and end are
not counted. ``conllu_chunks`` builds the same chunks from a CoNLL-U file's ``# text =``
lines, so that held-out UD train text is scored exactly like the dev sets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

Splitter = Callable[[str, str, bool], list[str]]
CHUNK = 10
# Of the UD English-EWT train documents (in the order of the treebank: blogs, newsgroups,
# e-mails, answers, reviews), every tenth is held out: never used for learning, only for
# checks (``held_out``); a stride rather than the last tenth, so that every genre is in it.
HELD_OUT_EVERY = 10
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Case:
    text: str
    expected: tuple[str, ...]
    doc: int = 0


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def boundaries(sentences: list[str] | tuple[str, ...]) -> set[int]:
    """Inner boundaries as offsets in the text with whitespace removed."""
    out, pos = set(), 0
    for s in sentences[:-1]:
        pos += len(_WS.sub("", s))
        out.add(pos)
    pos += len(_WS.sub("", sentences[-1])) if sentences else 0
    out.discard(pos)  # a trailing empty piece is no boundary
    return out


def score(cases: list[Case], split: Splitter, lang: str) -> Score:
    tp = fp = fn = 0
    for case in cases:
        gold = boundaries(case.expected)
        got = boundaries([s for s in split(case.text, lang, False) if s.strip()])
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
    return Score(tp, fp, fn)


def json_cases(path: Path) -> list[Case]:
    """Cases of a Golden-Rules-format file (``name``, ``text``, ``expected``)."""
    return [Case(c["text"], tuple(c["expected"])) for c in json.loads(path.read_text(encoding="utf-8"))]


def conllu_texts(path: Path) -> Iterator[tuple[int, str]]:
    """(document number, sentence text) for every ``# text =`` line of a CoNLL-U file."""
    doc = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("# newdoc"):
                doc += 1
            elif line.startswith("# text ="):
                yield doc, line[len("# text ="):].strip()


def conllu_chunks(path: Path) -> list[Case]:
    """The CoNLL-U file as chunks of ``CHUNK`` sentences (a new document ends a chunk)."""
    out: list[Case] = []
    current: list[str] = []
    current_doc = 0

    def flush() -> None:
        if current:
            out.append(Case(" ".join(current), tuple(current), current_doc))
            current.clear()

    for doc, text in conllu_texts(path):
        if doc != current_doc:
            flush()
            current_doc = doc
        current.append(text)
        if len(current) == CHUNK:
            flush()
    flush()
    return out


def split_documents(cases: list[Case]) -> tuple[list[Case], list[Case]]:
    """(learning part, held-out part): every HELD_OUT_EVERY-th document held out."""
    return ([c for c in cases if c.doc % HELD_OUT_EVERY != HELD_OUT_EVERY - 1],
            [c for c in cases if c.doc % HELD_OUT_EVERY == HELD_OUT_EVERY - 1])


def held_out(ud_train: Path | None) -> dict[str, tuple[str, list[Case]]]:
    """label → (lang, cases) of UD text never used for learning, from ``ud_train`` if present.

    English: the held-out documents of EWT train (``en_ewt-ud-train.conllu``). French: the
    UD_French-GSD train file is not in the mirror this was built from, so nothing French was
    learned from UD; its test set (``fr_gsd-ud-test.conllu``) and UD_French-Sequoia's train
    set (``fr_sequoia-ud-train.conllu``), when present, are checks only.
    """
    if ud_train is None or not ud_train.is_dir():
        return {}
    sets: dict[str, tuple[str, list[Case]]] = {}
    en = ud_train / "en_ewt-ud-train.conllu"
    if en.exists():
        sets["UD en EWT train, held-out docs"] = ("en", split_documents(conllu_chunks(en))[1])
    for name, label in (("fr_gsd-ud-test.conllu", "UD fr GSD test"), ("fr_sequoia-ud-train.conllu",
                                                                       "UD fr Sequoia train")):
        if (ud_train / name).exists():
            sets[label] = ("fr", conllu_chunks(ud_train / name))
    return sets


def more_peers() -> dict[str, Splitter]:
    """The peers beyond pysbd/sentencex/syntok that install from PyPI and run offline."""
    found: dict[str, Splitter] = {}
    try:
        from sentence_splitter import SentenceSplitter

        splitters: dict[str, SentenceSplitter] = {}

        def run_koehn(text: str, lang: str, pdf: bool) -> list[str]:
            if lang not in splitters:
                splitters[lang] = SentenceSplitter(language=lang)
            return splitters[lang].split(text)

        found["sentence-splitter"] = run_koehn
    except ImportError:
        print("skipped sentence-splitter: not installed (pip install sentence-splitter)")
    try:
        import blingfire

        found["blingfire"] = lambda text, lang, pdf: blingfire.text_to_sentences(text).split("\n")
    except ImportError:
        print("skipped blingfire: not installed (pip install blingfire)")
    try:
        from segtok.segmenter import split_multi

        found["segtok"] = lambda text, lang, pdf: list(split_multi(text))
    except ImportError:
        print("skipped segtok: not installed (pip install segtok)")
    try:
        import nupunkt

        found["nupunkt"] = lambda text, lang, pdf: nupunkt.sent_tokenize(text)
    except ImportError:
        print("skipped nupunkt: not installed (pip install nupunkt)")
    try:
        import spacy

        nlps: dict = {}

        def run_spacy(text: str, lang: str, pdf: bool) -> list[str]:
            if lang not in nlps:
                nlp = spacy.blank(lang)  # no model: the rule-based sentencizer only
                nlp.add_pipe("sentencizer")
                nlp.max_length = 10_000_000
                nlps[lang] = nlp
            return [s.text for s in nlps[lang](text).sents]

        found["spacy-sentencizer"] = run_spacy
    except ImportError:
        print("skipped spacy-sentencizer: not installed (pip install spacy)")
    return found
