import pytest

from align.errors import DataError, UsageError
from align.io import atomic_write, decode, read_text


def test_utf8_bom_and_crlf_are_normalised():
    assert decode(b"\xef\xbb\xbfa\r\nb\rc") == "a\nb\nc"


def test_utf16_with_bom():
    assert decode("été".encode("utf-16")) == "été"


def test_windows_1252_is_named():
    with pytest.raises(DataError, match="looks like Windows-1252"):
        decode("l’été".encode("cp1252"), "f.txt")


def test_latin1_is_named():
    with pytest.raises(DataError, match="Latin-1"):
        decode("été".encode("latin-1"))


def test_missing_file_is_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        read_text(tmp_path / "nope.txt")


def test_empty_file_is_data_error(tmp_path):
    p = tmp_path / "e.txt"
    p.write_text("  \n\n")
    with pytest.raises(DataError, match="empty"):
        read_text(p)


def test_atomic_write_leaves_old_file_on_failure(tmp_path):
    p = tmp_path / "out.txt"
    p.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(p) as fh:
        fh.write("partial")
        raise RuntimeError("boom")
    assert p.read_text() == "old"
    assert [x.name for x in tmp_path.iterdir()] == ["out.txt"]
