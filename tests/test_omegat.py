"""Integration: OmegaT (a real CAT tool, Debian package ``omegat``) loads our TMX and pre-translates.

The steps are those of ``../shared/tools/omegat_pretranslate.sh`` (TMX in ``tm/auto/``,
``--mode=console-translate``), reimplemented here so the test runs without ``../shared``
and can switch OmegaT's own sentence segmentation off. OmegaT exits 0 even when it cannot
parse a TMX, so its log is checked for ``TF_TM_LOAD_ERROR`` and ``TMXR_WARNING``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from align.formats.tmx import TmxHeader, read_tmx, write_tmx
from align.io import read_text
from align.model import TranslationUnit
from align.pipeline import run_pair
from align.report.outputs import write_outputs

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")
TOKENIZERS = {"en": "LuceneEnglishTokenizer", "fr": "LuceneFrenchTokenizer"}

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat><project version="1.0">
<source_dir>__DEFAULT__</source_dir><target_dir>__DEFAULT__</target_dir><tm_dir>__DEFAULT__</tm_dir>
<glossary_dir>__DEFAULT__</glossary_dir><glossary_file>__DEFAULT__</glossary_file>
<dictionary_dir>__DEFAULT__</dictionary_dir>
<source_lang>{sl}</source_lang><target_lang>{tl}</target_lang>
<source_tok>org.omegat.tokenizer.{stok}</source_tok><target_tok>org.omegat.tokenizer.{ttok}</target_tok>
<sentence_seg>{sentences}</sentence_seg><support_default_translations>true</support_default_translations>
<remove_tags>false</remove_tags>
</project></omegat>
"""
FILTERS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<filters removeTags="false" removeSpacesNonseg="true" preserveSpaces="false" ignoreFileContext="false">
<filter className="org.omegat.filters2.text.TextFilter" enabled="true">
<files sourceFilenameMask="*.txt" targetFilenamePattern="${filename}"/>
<option name="segmentOn" value="BREAKS"/>
</filter></filters>
"""


@dataclass(frozen=True)
class OmegatRun:
    lines: list[str]
    log: str


def _omegat_missing() -> str:
    if shutil.which("java") is None:
        return "java is not installed (apt-get install omegat)"
    if not OMEGAT_JAR.exists():
        return f"OmegaT is not installed ({OMEGAT_JAR} missing; apt-get install omegat)"
    return ""


needs_omegat = pytest.mark.skipif(bool(_omegat_missing()), reason=_omegat_missing() or "OmegaT present")


def pretranslate(doc: str, tmx: Path, sl: str, tl: str, work: Path, sentences: bool = True) -> OmegatRun:
    """Pre-translate ``doc`` (one paragraph per line) with ``tmx`` in a fresh OmegaT project."""
    proj = work / "proj"
    for sub in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (proj / sub).mkdir(parents=True, exist_ok=True)
    (proj / "omegat.project").write_text(PROJECT.format(
        sl=sl, tl=tl, stok=TOKENIZERS[sl[:2]], ttok=TOKENIZERS[tl[:2]], sentences=str(sentences).lower()))
    (proj / "omegat" / "filters.xml").write_text(FILTERS)
    (proj / "source" / "doc.txt").write_text(doc, encoding="utf-8")
    shutil.copy(tmx, proj / "tm" / "auto" / tmx.name)
    (work / "home").mkdir(exist_ok=True)
    cmd = ["java", "-Djava.awt.headless=true", "-jar", str(OMEGAT_JAR), str(proj), "--mode=console-translate",
           f"--config-dir={work / 'cfg'}", "--disable-project-locking", "--quiet"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env={"HOME": str(work / "home"),
                          "PATH": "/usr/bin:/bin"})
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-2000:]
    assert "TF_TM_LOAD_ERROR" not in log, log[-2000:]
    assert "TMXR_WARNING" not in log, log[-2000:]
    return OmegatRun((proj / "target" / "doc.txt").read_text(encoding="utf-8").split("\n"), log)


@pytest.fixture(scope="module")
def sample_tmx(tmp_path_factory, parallel) -> tuple[Path, list[TranslationUnit]]:
    """The TMX ``align run parallel/interview.en.txt parallel/interview.fr.txt`` writes."""
    out = tmp_path_factory.mktemp("run")
    result = run_pair(read_text(parallel / "interview.en.txt"), read_text(parallel / "interview.fr.txt"),
                      "en", "fr", name="interview.fr.txt")
    paths = write_outputs(result, out, TmxHeader(srclang="en", tgtlang="fr"))
    units = list(read_tmx(paths["alignment.tmx"]))
    assert units, "the pipeline produced no unit"
    return paths["alignment.tmx"], units


@pytest.fixture(scope="module")
def parallel() -> Path:
    return Path(__file__).resolve().parents[1] / "parallel"


def _filled(units: list[TranslationUnit], lines: list[str]) -> list[bool]:
    return [line == u.target for u, line in zip(units, lines, strict=False)]


def _report(label: str, filled: list[bool]) -> None:
    print(f"OmegaT {label}: {sum(filled)}/{len(filled)} segments pre-translated "
          f"({100 * sum(filled) / len(filled):.1f} %)")


@needs_omegat
def test_omegat_fills_every_aligned_unit_with_our_french(sample_tmx, tmp_path):
    """One line per unit, OmegaT's sentence splitting off: each line is one of our TU sources."""
    tmx, units = sample_tmx
    if len({u.source for u in units}) != len(units):
        pytest.fail("two units share a source: OmegaT could fill only one of their targets")
    run = pretranslate("".join(u.source + "\n" for u in units), tmx, "en", "fr", tmp_path, sentences=False)
    filled = _filled(units, run.lines)
    _report("paragraph mode", filled)
    missed = [u.source for u, ok in zip(units, filled, strict=True) if not ok]
    assert not missed, f"{len(missed)} not filled, first: {missed[0]!r}"


@needs_omegat
def test_omegat_with_region_codes_in_project_and_tmx(sample_tmx, tmp_path):
    """en-US/fr-FR in the TMX and the project (the shared script's example) still match."""
    _, units = sample_tmx
    regional = tmp_path / "regional.tmx"
    with regional.open("wb") as fh:
        write_tmx(fh, units, TmxHeader(srclang="en-US", tgtlang="fr-FR"))
    run = pretranslate("".join(u.source + "\n" for u in units), regional, "en-US", "fr-FR", tmp_path,
                       sentences=False)
    assert all(_filled(units, run.lines))


# OmegaT's default English rules break after ". " whatever follows ("the U.S. teams"): a unit
# whose source has such a break inside becomes two OmegaT segments and cannot match exactly.
_INNER_BREAK = re.compile(r"[.?!…]\s")


@needs_omegat
def test_omegat_sentence_mode_as_the_shared_script(sample_tmx, tmp_path):
    """With OmegaT's own sentence segmentation (the shared script's setting), every unit that
    OmegaT does not re-split is filled with exactly our French; the share is reported."""
    tmx, units = sample_tmx
    run = pretranslate("".join(u.source + "\n" for u in units), tmx, "en", "fr", tmp_path, sentences=True)
    filled = _filled(units, run.lines)
    _report("sentence mode", filled)
    whole = [ok for u, ok in zip(units, filled, strict=True) if not _INNER_BREAK.search(u.source)]
    assert whole and all(whole), f"{whole.count(False)} single-segment units not filled"


@needs_omegat
def test_shared_script_loads_our_tmx(sample_tmx, tmp_path, shared):
    """``../shared/tools/omegat_pretranslate.sh`` itself: exit 0 means OmegaT parsed the TMX."""
    tmx, units = sample_tmx
    doc = tmp_path / "doc.txt"
    doc.write_text("".join(u.source + "\n" for u in units), encoding="utf-8")
    done = subprocess.run(["bash", str(shared / "tools" / "omegat_pretranslate.sh"), str(doc), str(tmx), "en", "fr",
                           str(tmp_path / "work")], capture_output=True, text=True, timeout=300,
                          env={"OMEGAT_SEGMENT_ON": "BREAKS", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert sum(_filled(units, done.stdout.split("\n"))) > 0


@needs_omegat
def test_omegat_reports_a_broken_tmx_in_its_log(tmp_path):
    """The log check above can fail: OmegaT exits 0 on an unparseable TMX but logs the error."""
    bad = tmp_path / "bad.tmx"
    bad.write_bytes(b"<tmx version='1.4'><header srclang='en'/><body><tu><tuv xml:lang='en'><seg>x")
    with pytest.raises(AssertionError, match="TF_TM_LOAD_ERROR"):
        pretranslate("x\n", bad, "en", "fr", tmp_path)


@pytest.fixture(scope="module")
def srx_run(tmp_path_factory, parallel) -> tuple[Path, list[TranslationUnit]]:
    """The TMX of ``align run … --srx omegat``: both sides cut by the installed OmegaT's rules."""
    from click.testing import CliRunner

    from align.cli import main

    out = tmp_path_factory.mktemp("srx-run")
    done = CliRunner().invoke(main, ["run", str(parallel / "interview.en.txt"), str(parallel / "interview.fr.txt"),
                                     "-o", str(out), "--srx", "omegat"])
    assert done.exit_code == 0, done.output
    units = list(read_tmx(out / "alignment.tmx"))
    assert units, "the pipeline produced no unit"
    return out / "alignment.tmx", units


@needs_omegat
def test_omegat_own_segmentation_fills_every_single_segment_unit_with_run_srx_omegat(srx_run, tmp_path):
    """``align run --srx omegat`` cuts as OmegaT does, so with OmegaT's sentence segmentation on,
    every unit whose source OmegaT keeps as one segment is filled with exactly our French."""
    from align.formats.srx_sources import load_srx
    from align.segment import segment_text

    tmx, units = srx_run
    rules = load_srx("omegat")
    single = [len(segment_text(u.source, "en", srx=rules)) == 1 for u in units]
    run = pretranslate("".join(u.source + "\n" for u in units), tmx, "en", "fr", tmp_path, sentences=True)
    filled = _filled(units, run.lines)
    _report("sentence mode, run --srx omegat", filled)
    print(f"OmegaT sentence mode, run --srx omegat: {sum(f for f, s in zip(filled, single, strict=True) if s)}"
          f"/{sum(single)} single-segment units filled")
    missed = [u.source for u, ok, one in zip(units, filled, single, strict=True) if one and not ok]
    assert sum(single) >= len(units) * 0.9, "most units are one OmegaT segment when cut by its rules"
    assert not missed, f"{len(missed)} single-segment units not filled, first: {missed[0]!r}"
