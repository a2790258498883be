"""Where the CAT tools' SRX rules are: ``omegat``, ``languagetool`` or a file path.

A TMX cut by the rules the translator's CAT tool uses gets exact matches there, so
``--srx omegat`` means *the rules of the OmegaT installed here*. The rule files are not
shipped: OmegaT's ``defaultRules.srx`` is GPL-3.0 and LanguageTool's ``segment.srx`` is
LGPL-2.1, this project is MIT. They are read from the installed tool (inside its jar),
from the user's own OmegaT rules when OmegaT saved some, or from a path the user gives;
when none is found the error names every place looked at.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from align.errors import UsageError
from align.formats.srx import parse_srx
from align.io import read_bytes
from align.model import SrxRules

_OMEGAT_MEMBER = "org/omegat/core/segmentation/defaultRules.srx"
_LANGUAGETOOL_MEMBER = "org/languagetool/resource/segment.srx"


@dataclass(frozen=True)
class Place:
    """A file that may hold the rules, or a jar (zip) holding them as ``member``."""

    path: Path
    member: str = ""

    def __str__(self) -> str:
        return f"{self.path}!{self.member}" if self.member else str(self.path)


def _globbed(patterns: Iterable[str]) -> list[Path]:
    """Each pattern's matches (a pattern with no match stays, so the error can name it)."""
    found: list[Path] = []
    for pattern in patterns:
        if "*" not in pattern:
            found.append(Path(pattern))
            continue
        parts = Path(pattern).parts
        first = next(k for k, part in enumerate(parts) if "*" in part)
        base = Path(*parts[:first])
        matches = sorted(base.glob(str(Path(*parts[first:])))) if base.is_dir() else []
        found.extend(matches or [Path(pattern)])
    return found


def omegat_places(home: Path) -> list[Place]:
    """OmegaT's rules: the user's own (OmegaT saves edited rules as ``segmentation.srx`` in its
    configuration folder), then the defaults inside the installed ``OmegaT.jar``."""
    user = [Place(home / ".omegat" / "segmentation.srx"),
            Place(home / ".config" / "OmegaT" / "segmentation.srx"),
            Place(home / "Library" / "Preferences" / "OmegaT" / "segmentation.srx")]
    jars = ["/usr/share/omegat/OmegaT.jar", "/usr/local/share/omegat/OmegaT.jar", "/opt/omegat/OmegaT.jar",
            "/opt/OmegaT*/OmegaT.jar", str(home / "OmegaT*" / "OmegaT.jar"),
            "/Applications/OmegaT.app/Contents/Java/OmegaT.jar"]
    return user + [Place(p, _OMEGAT_MEMBER) for p in _globbed(jars)]


def languagetool_places(home: Path) -> list[Place]:
    """LanguageTool's rules, inside ``languagetool-core*.jar`` of an installed LanguageTool
    (a Debian/Java install, the standalone zip, or language_tool_python's download)."""
    jars = ["/usr/share/java/languagetool-core.jar", "/usr/share/languagetool/libs/languagetool-core.jar",
            "/usr/share/languagetool/languagetool-core.jar", "/opt/LanguageTool*/libs/languagetool-core.jar",
            str(home / "LanguageTool*" / "libs" / "languagetool-core.jar"),
            str(home / ".cache" / "language_tool_python" / "LanguageTool*" / "libs" / "languagetool-core.jar")]
    return [Place(p, _LANGUAGETOOL_MEMBER) for p in _globbed(jars)]


SHORTCUTS = {"omegat": omegat_places, "languagetool": languagetool_places}


def _read(place: Place) -> bytes | None:
    """The bytes at ``place``, or None when it is not there (a missing or unreadable file or member)."""
    try:
        if not place.member:
            return place.path.read_bytes() if place.path.is_file() else None
        if not place.path.is_file():
            return None
        with zipfile.ZipFile(place.path) as jar:
            return jar.read(place.member)
    except (OSError, KeyError, zipfile.BadZipFile):
        return None


def find_srx(spec: str, home: Path | None = None) -> tuple[str, bytes]:
    """(where the rules were found, their bytes) for ``omegat``, ``languagetool`` or a path."""
    name = spec.strip().lower()
    if name in SHORTCUTS:
        places = SHORTCUTS[name](home if home is not None else Path.home())
        for place in places:
            data = _read(place)
            if data is not None:
                return str(place), data
        raise UsageError(f"--srx {name}: no {name} rules found; looked in " + ", ".join(map(str, places)),
                         "install it, or give the path of an .srx file")
    path = Path(spec).expanduser()
    if not path.exists() and len(path.parts) == 1 and "." not in spec:
        raise UsageError(f"--srx {spec}: no such rule set or file", hint=f"shortcuts: {', '.join(SHORTCUTS)}")
    return str(path), read_bytes(path)


def load_srx(spec: str, home: Path | None = None) -> SrxRules:
    """The parsed rules of ``spec`` (see ``find_srx``), read with the safe XML parser.

    OmegaT's ``defaultRules.srx`` has an empty header, but OmegaT applies it cascading (every
    matching language map in turn: English exceptions, then the default breaks), as its
    newer copies of the file say (``cascade="yes"``); so it is read that way here too.
    """
    where, data = find_srx(spec, home)
    rules = parse_srx(data)
    return replace(rules, cascade=True) if where.endswith(_OMEGAT_MEMBER) else rules
