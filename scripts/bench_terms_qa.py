"""The QA checks' half of ``bench_terms.py``: injected faults per check, flood, report size.

Injected faults (per check, seeded): each fault kind edits ``n`` units of TICO-19's
correct translation the way a translator's slip would (a space glued to ``?``, a word
doubled, a URL changed, a Roman numeral changed, a sentence cut short…), and the same
number of *controls* get the same material inserted correctly (a URL copied right), so
precision is measured against look-alikes, not only against clean text. The check runs
alone on the faulted copy; a new finding (absent from the clean run) is right when it is
on a faulted unit, and a fault is found when its unit gets the check's finding.

Flood: findings and groups per 1,000 source sentences on the TransRead books (units from
the gold links, so the figures measure the checks, not the aligner). Scale: the books
joined and repeated to ~36,000 sentences, checked with every check and discovery on,
then ``report.html`` rendered; its size and the time to build it (and, when Chromium is
installed, to load it headless) are printed.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from align.model import TranslationUnit
from align.report.html import render_html
from align.report.json import report_data
from align.terms import check_document

NB, NN = "\u00a0", "\u202f"
Fault = Callable[[TranslationUnit, random.Random, int], TranslationUnit | None]


def _sub_once(pattern: str, repl: str, text: str, rng: random.Random) -> str | None:
    spots = list(re.finditer(pattern, text))
    if not spots:
        return None
    m = rng.choice(spots)
    return text[:m.start()] + m.expand(repl) + text[m.end():]


def _glue(u, rng, i):  # "Pourquoi ?" → "Pourquoi?"
    t = _sub_once(r"(?<=\w) ([?:;!])(?=\s|$)", r"\1", u.target, rng)
    return replace(u, target=t) if t else None


def _ordinary(u, rng, i):  # in a text set with no-break spaces, one ordinary space
    t = _sub_once(r"(?<=\w)[\u00a0\u202f]([?:;!»])", r" \1", u.target, rng)
    return replace(u, target=t) if t else None


def _quotes(u, rng, i):
    t = _sub_once(r"«\s?([^«»]{2,60}?)\s?»", r"“\1”", u.target, rng)
    if t is None and "«" not in u.target:
        words = list(re.finditer(r"(?<=\s)([^\W\d_]{4,})(?=\s)", u.target))
        if not words:
            return None
        m = rng.choice(words)
        t = u.target[:m.start()] + "“" + m.group() + "”" + u.target[m.end():]
    return replace(u, target=t) if t else None


def _apostrophe(u, rng, i):
    t = _sub_once(r"(?<=[^\W\d_])'(?= ?[^\W\d_])", "’", u.target, rng)
    return replace(u, target=t) if t else None


def _repeat(u, rng, i):
    words = [m for m in re.finditer(r"(?<![\w'’-])(le|la|les|de|des|du|et|un|une|à|en|que|qui)(?![\w'’-])",
                                    u.target)]
    if not words:
        return None
    m = rng.choice(words)
    return replace(u, target=u.target[:m.end()] + " " + m.group() + u.target[m.end():])


def _double(u, rng, i):
    t = _sub_once(r"(?<=\w) (?=\w)", "  ", u.target, rng)
    return replace(u, target=t) if t else None


def _edge(u, rng, i):
    return replace(u, target=u.target + " ") if not u.target.endswith(" ") else None


def _identical(u, rng, i):
    return replace(u, target=u.source) if len(u.source.split()) >= 6 else None


def _appended(src: str, tgt: str) -> Fault:
    def fault(u, rng, i):
        return replace(u, source=f"{u.source} {src.format(i=i, j=i)}", target=f"{u.target} {tgt.format(i=i, j=i + 1)}")
    return fault


def _control(src: str, tgt: str) -> Fault:
    def control(u, rng, i):
        return replace(u, source=f"{u.source} {src.format(i=i, j=i)}", target=f"{u.target} {tgt.format(i=i, j=i)}")
    return control


def _spelled(u, rng, i):
    words = {"deux": "trois", "trois": "quatre", "quatre": "cinq", "cinq": "six", "six": "sept", "dix": "onze"}
    en = {"deux": "two", "trois": "three", "quatre": "four", "cinq": "five", "six": "six", "dix": "ten"}
    # the French number word must translate an English one (``ten``, not the ``ten`` of ``often``)
    found = [w for w in words if re.search(rf"(?<![\w-]){w}(?![\w-])", u.target)
             and re.search(rf"(?<![\w-]){en[w]}(?![\w-])", u.source, re.IGNORECASE)]
    if not found:
        return None
    w = rng.choice(found)
    return replace(u, target=re.sub(rf"(?<![\w-]){w}(?![\w-])", words[w], u.target, count=1))


def _place(u, rng, i):
    t = _sub_once(r"(?<![\w-])Chine(?![\w-])", "China", u.target, rng)
    return replace(u, target=t) if t else None


def _drop(u, rng, i):
    return replace(u, target="", bead="1-0", score=0.0) if len(u.source.split()) >= 4 else None


def _cut(u, rng, i):
    words = u.target.split()
    if len(words) < 18:
        return None
    return replace(u, target=" ".join(words[: max(3, len(words) * 3 // 10)]))


# check → (fault, control or None, corpus variant)
KINDS: dict[str, tuple[Fault, Fault | None, str]] = {
    "fr_spacing": (_glue, None, "plain"),
    "fr_spacing (no-break text)": (_ordinary, None, "nobreak"),
    "fr_quotes": (_quotes, None, "plain"),
    "mixed_apostrophes": (_apostrophe, None, "plain"),
    "repeated_word": (_repeat, None, "plain"),
    "double_space": (_double, None, "plain"),
    "edge_whitespace": (_edge, None, "plain"),
    "identical": (_identical, None, "plain"),
    "url_changed": (_appended("See https://example.org/page{i}.", "Voir https://example.org/page{j}."),
                    _control("See https://example.org/page{i}.", "Voir https://example.org/page{j}."), "plain"),
    "email_changed": (_appended("Write to help{i}@who.int.", "Écrire à aide{j}@who.int."),
                      _control("Write to help{i}@who.int.", "Écrire à help{j}@who.int."), "plain"),
    "code_changed": (_appended("(ref. A{i}X7)", "(réf. A{j}X7)"), _control("(ref. A{i}X7)", "(réf. A{j}X7)"), "plain"),
    "placeholder_changed": (_appended("Hello {{0}}, %s <b>{i}</b>", "Bonjour, %s <b>{i}</b>"),
                            _control("Hello {{0}}, %s <b>{i}</b>", "Bonjour {{0}}, %s <b>{i}</b>"), "plain"),
    "number_changed (Roman)": (_appended("(Chapter XIV)", "(chapitre XV)"),
                               _control("(Chapter XIV)", "(chapitre XIV)"), "plain"),
    "number_changed (words)": (_spelled, _control("(twenty-five cases)", "(vingt-cinq cas)"), "plain"),
    "number_format": (_appended("(3.5 {i} times)", "(3.5 {i} fois)"), _control("(3.5 {i} times)", "(3,5 {i} fois)"),
                      "plain"),
    "name_two_ways": (_place, None, "plain"),
    "omission": (_drop, None, "plain"),
    "length_mismatch": (_cut, None, "plain"),
}


MINORITY = {"name_two_ways", "mixed_apostrophes"}


def nobreak(units: list[TranslationUnit]) -> list[TranslationUnit]:
    """TICO-19 set as a French printer would: U+202F before ? ! ;, U+00A0 before : and inside « »."""
    def fix(t: str) -> str:
        t = re.sub(r" ([?!;])", NN + r"\1", t)
        t = re.sub(r" :", NB + ":", t)
        return t.replace("« ", "«" + NB).replace(" »", NB + "»")
    return [replace(u, target=fix(u.target)) for u in units]


def _key(f) -> tuple[str, str, str, str]:
    return (f.check, f.bead, f.found, f.term)


def per_check(units: list[TranslationUnit], seeds: int, n: int) -> list[dict]:
    """Precision and recall of each check on its own injected faults."""
    rows = []
    corpora = {"plain": units, "nobreak": nobreak(units)}
    for name, (fault, control, variant) in KINDS.items():
        check = name.split(" ")[0]
        base = corpora[variant]
        clean = {_key(f) for f in check_document(base, discover_terms=False, only={check}).findings}
        clean_units = {f.bead for f in check_document(base, discover_terms=False, only={check}).findings}
        tp = fp = found = total = 0
        limit = n
        if check in MINORITY:  # a document-level check needs the fault to stay the minority form
            limit = min(n, max(1, sum(fault(u, random.Random(0), i) is not None for i, u in enumerate(base)) // 4))
        for seed in range(seeds):
            rng = random.Random(seed * 7919 + len(name))
            docs = list(base)
            order = [i for i in range(len(docs)) if docs[i].tuid not in clean_units]
            rng.shuffle(order)
            faulted: set[str] = set()
            controls = 0
            for i in order:
                if len(faulted) >= limit and (control is None or controls >= n):
                    break
                if len(faulted) < limit:
                    new = fault(docs[i], rng, i)
                    if new is not None:
                        docs[i] = new
                        faulted.add(new.tuid)
                        continue
                if control is not None and controls < n:
                    docs[i] = control(docs[i], rng, i)
                    controls += 1
            report = check_document(docs, discover_terms=False, only={check})
            new = [f for f in report.findings if _key(f) not in clean]
            tp += sum(f.bead in faulted for f in new)
            fp += sum(f.bead not in faulted for f in new)
            hit = {f.bead for f in new}
            found += len(faulted & hit)
            total += len(faulted)
        rows.append({"check": name, "faults": total, "found": found, "findings": tp + fp,
                     "precision": tp / (tp + fp) if tp + fp else float("nan"),
                     "recall": found / total if total else float("nan")})
    return rows


def clean_rates(units: list[TranslationUnit], glossary) -> tuple[Counter, int]:
    """Every check on the correct translation: findings per check (each one a false alarm)."""
    report = check_document(units, glossary)
    return Counter(f.check for f in report.findings), len({f.bead for f in report.findings})


TRANSREAD = ("AlicesAdventuresInWonderland", "Candide", "Emma", "JaneEyre", "VoyageAuCentreDeLaTerre")


def transread_units(folder: Path, repeat: int = 1) -> tuple[list[TranslationUnit], int]:
    """Units from the gold links of the five books (joined, ``repeat`` times); source sentence count."""
    units, sentences = [], 0
    for r in range(repeat):
        for book in TRANSREAD:
            en = (folder / f"{book}.en-fr.en").read_text(encoding="utf-8").splitlines()
            fr = (folder / f"{book}.en-fr.fr").read_text(encoding="utf-8").splitlines()
            sentences += len(en)
            for k, line in enumerate((folder / f"{book}.en-fr.gold").read_text(encoding="utf-8").splitlines()):
                s, t = (re.findall(r"\d+", side) for side in line.split(":"))
                units.append(TranslationUnit(" ".join(en[int(i)] for i in s), " ".join(fr[int(j)] for j in t),
                                             f"{book[:6]}{r}-{k}", 1.0, f"{len(s)}-{len(t)}", book))
    return units, sentences


def flood(folder: Path, repeat: int) -> dict:
    units, sentences = transread_units(folder, repeat)
    started = time.perf_counter()
    report = check_document(units)
    checked = time.perf_counter() - started
    started = time.perf_counter()
    data = report_data(report.terms, report.findings, "TransRead books")
    page = render_html(data, units)
    rendered = time.perf_counter() - started
    groups = len(data["groups"])
    out = {"units": len(units), "sentences": sentences, "findings": len(report.findings), "groups": groups,
           "per_1000": 1000 * len(report.findings) / sentences, "groups_per_1000": 1000 * groups / sentences,
           "check_s": checked, "render_s": rendered, "bytes": len(page.encode("utf-8")),
           "by_check": Counter(f.check for f in report.findings), "shown": sum(g["shown"] for g in data["groups"])}
    out["browser_s"] = _browser(page)
    return out


def _browser(page: str) -> float | None:
    """Seconds for headless Chromium to load and script the page (None without Chromium)."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.html"
        path.write_text(page, encoding="utf-8")
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
               f"--user-data-dir={tmp}/profile", "--dump-dom", path.as_uri()]
        started = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
        return time.perf_counter() - started if done.returncode == 0 else None
