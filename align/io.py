"""Input and output that must never go wrong quietly.

* ``read_text``: decodes strictly (a French file in Windows-1252 read as UTF-8 would turn
  every « é » into garbage that then aligns badly), and names the encoding it looks like.
* ``atomic_write``: writes beside the target then renames, so an interrupted run never
  leaves a partial TMX that a CAT tool would half-load.
* ``safe_xml_parser``: user XML is hostile until parsed without entity expansion, DTD
  loading or network access (billion laughs, XXE).
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import functools
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from lxml import etree

from align.errors import DataError, UsageError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


MAX_INPUT_BYTES = 1 << 30
"""The largest input read (1 GiB): ``/dev/zero`` or an endless pipe must end in a message,
not in the machine running out of memory."""


def check_file(path: str | Path) -> Path:
    """``path`` as a ``Path`` if it names an existing file, else the one-line usage error.

    Regular files and pipes (a FIFO) pass; a device (``/dev/zero``, ``/dev/urandom``) or a
    socket is refused.
    """
    p = Path(path)
    if not p.exists():
        raise UsageError(f"{p}: no such file")
    if p.is_dir():
        raise UsageError(f"{p}: is a directory, not a file")
    kind = p.stat().st_mode
    if not (stat.S_ISREG(kind) or stat.S_ISFIFO(kind)):
        raise UsageError(f"{p}: is not a regular file (a device or a socket); give a file or a pipe")
    return p


def read_bytes(path: str | Path) -> bytes:
    """Read a whole file (``-`` = standard input) up to ``MAX_INPUT_BYTES``, or raise a one-line error."""
    if str(path) == "-":
        return _capped(sys.stdin.buffer, "standard input")
    p = check_file(path)
    try:
        with open(p, "rb") as fh:
            return _capped(fh, str(p))
    except OSError as exc:
        raise UsageError(f"{p}: cannot be read ({exc.strerror or exc})") from exc


def _capped(fh: IO[bytes], name: str) -> bytes:
    data = fh.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise DataError(f"{name}: larger than {MAX_INPUT_BYTES >> 20:,} MB, the most align reads")
    return data


def decode(data: bytes, name: str = "input") -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse anything else.

    Line endings are normalised to ``\\n`` (CR LF and lone CR from old Mac files).
    """
    encoding = "utf-8"
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding = enc
            break
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-16":  # a BOM said UTF-16: the damage is inside it, not a legacy encoding
            raise DataError(f"{name}: not valid UTF-16 (byte {exc.start}: {exc.reason})",
                            hint="the file is damaged, e.g. a lone surrogate; re-export it") from exc
        guess = guess_encoding(data)
        source = "FILE" if name in ("input", "standard input") else name
        raise DataError(
            f"{name}: not valid UTF-8 (byte {exc.start}); it looks like {guess}",
            hint=f"convert it first, e.g. iconv -f {_ICONV.get(guess, guess)} -t UTF-8 {source} > converted.txt",
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


_ICONV = {"ISO-8859-1 (Latin-1)": "ISO-8859-1", "Windows-1252": "WINDOWS-1252", "UTF-16": "UTF-16LE"}
"""``guess_encoding``'s names as iconv spells them, so that the hint runs as written."""


def file_offsets(data: bytes, text: str) -> Callable[[int], int]:
    """Map an offset into ``decode(data)`` to the same character in the file as given.

    ``decode`` drops a BOM and turns CR LF into LF; offsets printed for FILE must index
    ``open(FILE, encoding=..., newline="").read()`` (BOM and CR counted), or they point at
    the wrong characters in a Windows file.
    """
    raw = data.decode("utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8", errors="replace")
    shift = 1 if raw.startswith("\ufeff") and not text.startswith("\ufeff") else 0
    body = raw[shift:]
    drops = [i - k for k, i in enumerate(m.start() for m in re.finditer("\r\n", body))]
    if not shift and not drops:
        return lambda offset: offset
    return lambda offset: offset + shift + bisect.bisect_right(drops, offset - 1)


def guess_encoding(data: bytes) -> str:
    """A small guess good enough for an error message: UTF-16 without BOM, or a legacy 8-bit."""
    sample = data[:4096]
    if sample and sample.count(0) > len(sample) // 4:
        return "UTF-16"
    if any(0x80 <= b <= 0x9F for b in sample):
        return "Windows-1252"
    return "ISO-8859-1 (Latin-1)"


def read_text(path: str | Path, *, allow_empty: bool = False) -> str:
    """Read a user's text file strictly; an empty (or blank) file is a data error."""
    name = "standard input" if str(path) == "-" else str(path)
    text = decode(read_bytes(path), name)
    if not allow_empty and not text.strip():
        raise DataError(f"{name}: file is empty")
    return text


@functools.cache
def _file_mode() -> int:
    """0666 less the umask: what ``open()`` would have created (``mkstemp`` makes 0600 files,
    which colleagues on a shared drive could not open). Read once: setting it is the only
    way to read the umask, and it is process-wide."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Write to a temporary file in the same folder, rename over ``path`` only on success.

    An operating-system error (disk full, read-only folder) names ``path``, never the
    temporary file, and leaves nothing behind; an output that is a folder, or whose folder
    is a file, is a usage error said before anything is written.
    """
    if str(path) == "-":
        stream = sys.stdout.buffer if "b" in mode else sys.stdout
        try:
            yield stream
            stream.flush()
        except OSError as exc:
            raise _named(exc, "standard output") from exc
        return
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{target}: is a folder; give a file name")
    parent = next((p for p in (target.parent, *target.parent.parents) if p.exists()), None)
    if parent is not None and not parent.is_dir():
        raise UsageError(f"{parent}: is a file, not a folder (output {target})")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _named(exc, str(target)) from exc
    try:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            os.fchmod(fh.fileno(), _file_mode())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _named(exc, str(target)) from exc
        raise


def _named(exc: OSError, where: str) -> OSError:
    """The same error, naming the output the user asked for."""
    return OSError(exc.errno, exc.strerror or str(exc), where)


CSV_FIELD_LIMIT = 2**31 - 1
"""One CSV cell may hold a whole sentence or glossary note: the ``csv`` module's default
limit (131,072 characters) aborted a batch whose pair held one long sentence."""


def csv_reader(lines: Iterable[str], **kwargs: object) -> Iterator[list[str]]:
    """``csv.reader`` without the arbitrary field-size limit."""
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    return csv.reader(lines, **kwargs)


def safe_xml_parser(**kwargs: object) -> etree.XMLParser:
    """An lxml parser that expands no entity, loads no DTD and touches no network."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, **kwargs,
    )


SAFE_ITERPARSE = {
    "resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False,
}
"""Keyword arguments for ``etree.iterparse`` with the same guarantees as ``safe_xml_parser``."""


# The prolog before an XML root element: declaration, processing instructions, comments,
# a DOCTYPE with its internal subset. A sniffer that only looked at the first 2 or 8 kB
# took a TBX with a long DTD or comment, or a TMX in UTF-16, for a CSV or a plain text.
_PROLOG = re.compile(
    r"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[(?:[^\]\"']|\"[^\"]*\"|'[^']*')*\])*>", re.DOTALL,
)
_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
SNIFF_LIMIT = 1_000_000
"""How far into a file the sniffer looks for the root element (a prolog is never longer)."""


def xml_root_of(text: str) -> str | None:
    """The local name of the root element of an XML ``text`` (None when it is not XML)."""
    pos, text = 0, text[:SNIFF_LIMIT].lstrip("\ufeff")
    while pos < len(text):
        m = _PROLOG.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    root = _ROOT.match(text, pos)
    return root.group(2) if root else None


def xml_root(data: bytes) -> str | None:
    """``xml_root_of`` for bytes in UTF-8 or UTF-16 (with a BOM, or told by its zero bytes)."""
    head = data[:SNIFF_LIMIT * 2]
    encoding = "utf-8"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif head[:1] == b"\x00" and head[1:2] == b"<":
        encoding = "utf-16-be"
    elif head[:1] == b"<" and head[1:2] == b"\x00":
        encoding = "utf-16-le"
    return xml_root_of(head.decode(encoding, errors="ignore"))
