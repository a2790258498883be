"""The reader registry: the same document in every format gives the same units; broken files one line."""

from __future__ import annotations

import csv
import html
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from align.cli import main
from align.errors import DataError
from align.formats.readers import read_document, sniff
from align.formats.text import wrap_width
from align.formats.xliff import read_xliff


def run(*args: object):
    return CliRunner().invoke(main, list(map(str, args)))


def passages(path: Path) -> list[list[tuple[str, str]]]:
    """A text file as passages (blank-line separated) of (kind, text): a passage's first line
    without final punctuation is a heading, a line starting "- " a list item (without the dash)."""
    out = []
    for passage in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [ln for ln in passage.split("\n") if ln.strip()]
        kinds = []
        for k, line in enumerate(lines):
            if line.startswith("- "):
                kinds.append(("li", line[2:]))
            elif k == 0 and line.rstrip()[-1:] not in ".?!:»":
                kinds.append(("h", line))
            else:
                kinds.append(("p", line))
        if kinds:
            out.append(kinds)
    return out


def as_text(doc: list[list[tuple[str, str]]]) -> str:
    return "\n\n".join("\n".join(text for _, text in passage) for passage in doc) + "\n"


def as_markdown(doc: list[list[tuple[str, str]]]) -> str:
    # paragraphs hard-wrapped at 60 columns (a soft break is a space in Markdown), passages split by ---
    import textwrap

    mark = {"h": "## ", "li": "- ", "p": ""}
    parts = ["\n\n".join(mark[k] + (textwrap.fill(t, 60) if k == "p" else t) for k, t in passage) for passage in doc]
    return "\n\n---\n\n".join(parts) + "\n"


def as_html(doc: list[list[tuple[str, str]]]) -> str:
    from html import escape

    tag = {"h": "h2", "li": "li", "p": "p"}
    body = "\n<hr>\n".join("\n".join(f"<{tag[k]}>{escape(t)}</{tag[k]}>" for k, t in passage) for passage in doc)
    body = body.replace("</p>\n<li>", "</p>\n<ul><li>").replace("</li>\n<p>", "</li></ul>\n<p>")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title><script>var x = '<p>no</p>';"
            f"</script></head><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav><article>{body}"
            "</article><footer>© 2024 Example</footer></body></html>")


def as_docx(doc: list[list[tuple[str, str]]], path: Path) -> None:
    import docx

    d = docx.Document()
    for n, passage in enumerate(doc):
        if n:
            d.add_paragraph("")
        for k, t in passage:
            if k == "h":
                d.add_heading(t, 2)
            else:
                d.add_paragraph(t, style="List Bullet" if k == "li" else None)
    d.save(str(path))


def as_odt(doc: list[list[tuple[str, str]]], path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.text import H, List, ListItem, P

    o = OpenDocumentText()
    for n, passage in enumerate(doc):
        if n:
            o.text.addElement(P(text=""))
        for k, t in passage:
            if k == "h":
                o.text.addElement(H(outlinelevel=2, text=t))
            elif k == "li":
                items = List()
                item = ListItem()
                item.addElement(P(text=t))
                items.addElement(item)
                o.text.addElement(items)
            else:
                o.text.addElement(P(text=t))
    o.save(str(path))


def units(folder: Path) -> list[tuple[str, str]]:
    with open(folder / "alignment.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r[3], r[4]) for r in rows[1:]]


def test_the_same_document_in_every_format_gives_identical_units(tmp_path, parallel):
    doc = passages(parallel / "interview.en.txt")
    assert {k for passage in doc for k, _ in passage} == {"h", "li", "p"}
    files = {}
    for ext, text in (("txt", as_text(doc)), ("md", as_markdown(doc)), ("html", as_html(doc))):
        files[ext] = tmp_path / f"en.{ext}"
        files[ext].write_text(text, encoding="utf-8")
    files["docx"], files["odt"] = tmp_path / "en.docx", tmp_path / "en.odt"
    as_docx(doc, files["docx"])
    as_odt(doc, files["odt"])
    got = {}
    for ext, path in files.items():
        r = run("run", path, parallel / "interview.fr.txt", "-o", tmp_path / ext, "-q")
        assert r.exit_code == 0, (ext, r.output)
        got[ext] = units(tmp_path / ext)
    assert len(got["txt"]) > 40
    for ext in ("md", "html", "docx", "odt"):
        assert got[ext] == got["txt"], ext
    tmx = (tmp_path / "html" / "alignment.tmx").read_text(encoding="utf-8")
    assert "</p>" not in tmx and "&lt;p" not in tmx and "Home" not in tmx


def test_the_target_can_be_a_word_document_too(tmp_path, parallel):
    doc = passages(parallel / "interview.fr.txt")
    as_docx(doc, tmp_path / "fr.docx")
    (tmp_path / "fr.txt").write_text(as_text(doc), encoding="utf-8")
    r = run("run", parallel / "interview.en.txt", tmp_path / "fr.docx", "-o", tmp_path / "d", "-q")
    assert r.exit_code == 0, r.output
    r = run("run", parallel / "interview.en.txt", tmp_path / "fr.txt", "-o", tmp_path / "t", "-q")
    assert units(tmp_path / "d") == units(tmp_path / "t")


def test_a_line_break_inside_a_paragraph_ends_a_line_in_every_format(tmp_path, parallel):
    """Shift+Enter in Word, <br> in HTML, a hard break in Markdown, <text:line-break/> in ODT:
    the heading typed above its first line with a line break stays a unit of its own, as in
    the text file (the units were "Et demain Q : Où voyez-vous…" before)."""
    import docx

    lines = (parallel / "interview.fr.txt").read_text(encoding="utf-8").split("\n")
    paragraphs = [p.split("\n") for p in "\n".join(lines).split("\n\n") if p.strip()]
    d = docx.Document()
    for para in paragraphs:
        d.add_paragraph("\n".join(para))  # python-docx writes each \n as <w:br/>
    d.save(tmp_path / "fr.docx")
    (tmp_path / "fr.html").write_text(
        "<html><body>" + "".join("<p>" + "<br>".join(html.escape(x) for x in para) + "</p>" for para in paragraphs)
        + "</body></html>", encoding="utf-8")
    r = run("run", parallel / "interview.en.txt", parallel / "interview.fr.txt", "-o", tmp_path / "t", "-q")
    assert r.exit_code == 0, r.output
    for ext in ("docx", "html"):
        r = run("run", parallel / "interview.en.txt", tmp_path / f"fr.{ext}", "-o", tmp_path / ext, "-q")
        assert r.exit_code == 0, (ext, r.output)
        assert units(tmp_path / ext) == units(tmp_path / "t"), ext
    from align.formats.markdown import read_markdown

    md = read_markdown("Et demain  \nQ : Où serez-vous ?\nsur la même ligne\n".encode(), "fr.md")
    assert [b.text for b in md.blocks] == ["Et demain", "Q : Où serez-vous ? sur la même ligne"]


def test_markdown_and_html_markup_stays_out_of_the_text(tmp_path):
    (tmp_path / "a.md").write_text("# Le titre\n\nUne phrase **grasse** et un [lien](http://x.fr).\n\n"
                                   "- premier point\n- second point\n\n| a | b |\n|---|---|\n| c | d |\n\n"
                                   "```\ncode()\n```\n", encoding="utf-8")
    blocks = read_document(tmp_path / "a.md").blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Le titre"), ("paragraph", "Une phrase grasse et un lien."), ("list item", "premier point"),
        ("list item", "second point"), ("cell", "a"), ("cell", "b"), ("cell", "c"), ("cell", "d")]
    (tmp_path / "b.html").write_text("<html><body><div class='cookie-banner'>Nous utilisons des cookies</div>"
                                     "<main><h2>Titre</h2><p>Le chat est-il tiré&nbsp;?</p><table><tr><td>x</td>"
                                     "</tr></table></main><aside>Lire aussi</aside></body></html>", encoding="utf-8")
    doc = read_document(tmp_path / "b.html")
    assert [(b.kind, b.text) for b in doc.blocks] == [("heading", "Titre"), ("paragraph", "Le chat est-il tiré\xa0?"),
                                                      ("cell", "x")]


def test_html_saved_as_txt_is_still_read_as_html(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text("<p>Une phrase.</p>\n<p>Deux phrases tirées ?</p>\n<div>Trois.</div>\n", encoding="utf-8")
    assert read_document(p).text == "Une phrase.\nDeux phrases tirées ?\nTrois.\n"


@pytest.mark.parametrize(("name", "data", "says"), [
    ("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "this is a PDF document"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a PNG image"),
    ("a.zip", None, "this is a zip archive"),
    ("book.xlsx", None, "this is an Excel workbook"),
    ("mem.xlf", b"<?xml version='1.0'?><xliff version='1.2'><file/></xliff>", "align terms reads TMX and XLIFF"),
])
def test_other_files_get_one_line_naming_what_they_are(tmp_path, parallel, name, data, says):
    path = tmp_path / name
    if data is None:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("xl/workbook.xml" if name.endswith("xlsx") else "notes.txt", "x")
    else:
        path.write_bytes(data)
    r = run("run", path, parallel / "interview.fr.txt", "-o", tmp_path / "o")
    assert r.exit_code == 1
    assert r.output.count("\n") == 1 and says in r.output and "iconv" not in r.output and "UTF-8" not in r.output


def test_broken_files_are_refused_by_their_reader_with_one_line(tmp_path, parallel):
    as_docx([[("p", "Une phrase.")]], tmp_path / "ok.docx")
    as_odt([[("p", "Une phrase.")]], tmp_path / "ok.odt")
    for ext, what in (("docx", "Word document"), ("odt", "OpenDocument text")):
        broken = tmp_path / f"broken.{ext}"
        broken.write_bytes((tmp_path / f"ok.{ext}").read_bytes()[:400])
        with pytest.raises(DataError, match=f"not a complete {what}"):
            read_document(broken)
    bad_xml = io.BytesIO()
    with zipfile.ZipFile(tmp_path / "ok.odt") as src, zipfile.ZipFile(bad_xml, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[:len(data) // 2] if item.filename == "content.xml" else data)
    (tmp_path / "badxml.odt").write_bytes(bad_xml.getvalue())
    with pytest.raises(DataError, match="malformed"):
        read_document(tmp_path / "badxml.odt")
    r = run("run", tmp_path / "broken.docx", parallel / "interview.fr.txt", "-o", tmp_path / "o")
    assert r.exit_code == 1 and r.output.count("\n") == 1 and "truncated" in r.output


def test_hard_wrapped_text_is_detected_and_run_says_so(tmp_path, parallel):
    import textwrap

    text = "\n\n".join(textwrap.fill(" ".join(t for _, t in p), 72) for p in passages(parallel / "interview.en.txt"))
    assert wrap_width(text) == 72 and wrap_width((parallel / "interview.en.txt").read_text("utf-8")) == 0
    (tmp_path / "wrapped.txt").write_text(text, encoding="utf-8")
    r = run("run", tmp_path / "wrapped.txt", parallel / "interview.fr.txt", "-o", tmp_path / "w", "-q")
    assert r.exit_code == 0 and "hard-wrapped at 72 columns" in r.output and "--wrapped" in r.output
    r = run("run", tmp_path / "wrapped.txt", parallel / "interview.fr.txt", "-o", tmp_path / "x", "-q", "--wrapped")
    assert r.exit_code == 0 and "hard-wrapped" not in r.output

    def broken(folder: Path) -> int:  # units whose source stops in mid-sentence
        return sum(src.rstrip()[-1:] not in ".?!»”\"" for src, _ in units(folder))

    assert broken(tmp_path / "x") * 3 < broken(tmp_path / "w")


XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="en-US" target-language="fr-FR" datatype="plaintext" original="a.txt"><body>
<trans-unit id="1"><source>The startup is in <g id="1">Lyon</g>.</source>
<target>La start-up est à <g id="1">Lyon</g>.</target></trans-unit>
<trans-unit id="2"><source>Click <ph id="1">&lt;b&gt;</ph>Save.</source>
<target>Cliquez sur <ph id="1">&lt;b&gt;</ph>Enregistrer.</target></trans-unit>
<trans-unit id="3"><source>Not translated yet.</source></trans-unit>
</body></file></xliff>"""
XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="fr">
<file id="f1"><unit id="u1"><segment><source>The startup is in Lyon.</source>
<target>La jeune pousse est à Lyon.</target></segment></unit></file></xliff>"""
SDLXLIFF = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" xmlns="urn:oasis:names:tc:xliff:document:1.2"
 version="1.2">
<file original="a.docx" source-language="en-US" target-language="fr-FR" datatype="x-sdlfilterframework2"><body>
<trans-unit id="a1"><source>One. Two.</source>
<seg-source><mrk mtype="seg" mid="1">One.</mrk> <mrk mtype="seg" mid="2">Two.</mrk></seg-source>
<target><mrk mtype="seg" mid="1">Un.</mrk> <mrk mtype="seg" mid="2">Deux.</mrk></target></trans-unit>
</body></file></xliff>"""


def test_xliff_12_20_and_sdlxliff_are_read():
    a = read_xliff(XLIFF12.encode(), "a.xlf", "en", "fr")
    assert [(u.source, u.target, u.inline_markup) for u in a] == [
        ("The startup is in Lyon.", "La start-up est à Lyon.", False),
        ("Click Save.", "Cliquez sur Enregistrer.", True)]
    (b,) = read_xliff(XLIFF20.encode(), "b.xlf", "en-US", "fr-FR")
    assert b.target == "La jeune pousse est à Lyon."
    assert [(u.source, u.target) for u in read_xliff(SDLXLIFF.encode(), "c.sdlxliff", "en", "fr")] == [
        ("One.", "Un."), ("Two.", "Deux.")]
    with pytest.raises(DataError, match="en-US → fr-FR, not en → de"):
        read_xliff(XLIFF12.encode(), "a.xlf", "en", "de")
    with pytest.raises(DataError, match="not well-formed XLIFF"):
        read_xliff(XLIFF12.encode()[:300], "a.xlf", "en", "fr")
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + \
        XLIFF20.split("?>", 1)[1].replace("Lyon.</target>", "&e;</target>").encode()
    assert "root:" not in " ".join(u.target for u in read_xliff(evil, "e.xlf", "en", "fr"))


MQXLIFF = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff" version="1.2">
<file original="a.docx" source-language="eng" target-language="fre" datatype="x-memoq"><body>
<trans-unit id="1" mq:status="Confirmed"><source xml:space="preserve">The startup.</source>
<target xml:space="preserve">La jeune pousse.</target></trans-unit></body></file></xliff>"""


def test_mqxliff_is_read_and_a_language_mismatch_is_said():
    (u,) = read_xliff(MQXLIFF.encode(), "a.mqxliff", "en", "fr")  # memoQ's ISO 639-2 codes
    assert (u.source, u.target) == ("The startup.", "La jeune pousse.")
    with pytest.raises(DataError, match="en → fr, not en → de"):
        read_xliff(MQXLIFF.encode(), "a.mqxliff", "en", "de")


def test_terms_reads_xliff_12_and_20(tmp_path):
    glossary = tmp_path / "g.tsv"
    glossary.write_text("startup\tjeune pousse\n", encoding="utf-8")
    for name, text in (("a.xlf", XLIFF12), ("b.xliff", XLIFF20), ("c.sdlxliff", SDLXLIFF)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    r = run("terms", tmp_path / "a.xlf", "--glossary", glossary, "-o", tmp_path / "a", "-q",
            "--source-lang", "en-US", "--target-lang", "fr-FR")
    assert r.exit_code == 0, r.output
    issues = (tmp_path / "a" / "issues.csv").read_text(encoding="utf-8")
    assert "term_missing" in issues and "jeune pousse" in issues
    r = run("terms", tmp_path / "b.xliff", "--glossary", glossary, "-o", tmp_path / "b", "-q")
    assert r.exit_code == 0, r.output
    assert "term_missing" not in (tmp_path / "b" / "issues.csv").read_text(encoding="utf-8")
    assert run("terms", tmp_path / "c.sdlxliff", "-o", tmp_path / "c", "-q").exit_code == 0


def test_sniffing_names_what_a_file_is():
    assert sniff(b"%PDF-1.4") == "a PDF document"
    assert sniff(b"<!DOCTYPE html><html>") == "html"
    assert sniff("Une phrase tirée.".encode()) == "text"
    assert sniff("L’été".encode("cp1252")) == "text"  # not binary: decoding it says the encoding
