"""Java regular expressions (as written in SRX files) → the Python ``regex`` module.

SRX files are written for ``java.util.regex``. The ``regex`` module already reads most of
it (``\\p{Lu}``, possessive quantifiers, variable-length lookbehind, ``\\uXXXX``); what
differs, and what OmegaT's and LanguageTool's rule files use, is converted here:

* ``\\h`` (horizontal space) and Java 8's ``\\v`` (vertical space) → explicit classes;
* ``\\p{Punct}`` and other POSIX names → explicit classes;
* an inline flag group in the middle of a pattern (``\\b(?i)abbr\\.``) applies to the rest
  of the enclosing group in Java → a scoped group ``(?i:…)``; ``(?U)`` → ``(?u)``;
* class intersection ``[\\p{L}&&[^rwn]]`` → compiled with ``regex.V1``, whose syntax it is.
"""

from __future__ import annotations

import regex

_CLASSES = {
    r"\h": r"[ \t\xA0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000]",
    r"\v": r"[\n\x0B\f\r\x85\u2028\u2029]",
    r"\p{Punct}": r"[!-/:-@\[-`{-~]",
    r"\p{Alpha}": r"[a-zA-Z]",
    r"\p{Digit}": r"[0-9]",
    r"\p{Upper}": r"[A-Z]",
    r"\p{Lower}": r"[a-z]",
    r"\p{Space}": r"[ \t\n\x0B\f\r]",
    r"\p{javaLowerCase}": r"\p{Ll}",
    r"\p{javaUpperCase}": r"\p{Lu}",
}
_IN_CLASS = {r"\h": r" \t\xA0\u1680\u180E\u2000-\u200A\u202F\u205F\u3000", r"\v": r"\n\x0B\f\r\x85\u2028\u2029"}


def _escape_at(pattern: str, i: int) -> str:
    """The escape sequence starting at ``pattern[i] == '\\'``."""
    if pattern.startswith(("\\p{", "\\P{"), i):
        end = pattern.find("}", i)
        return pattern[i:end + 1] if end > 0 else pattern[i:i + 2]
    return pattern[i:i + 2]


def convert(pattern: str) -> str:
    """A Java pattern rewritten for ``regex`` (see the module docstring)."""
    out: list[str] = []
    closers: list[int] = [0]  # scoped-flag groups to close when the current group closes
    i, in_class = 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            esc = _escape_at(pattern, i)
            table = _IN_CLASS if in_class else _CLASSES
            out.append(table.get(esc, _CLASSES.get(esc, esc) if not in_class else esc))
            i += len(esc)
            continue
        if c == "[":
            in_class += 1
        elif c == "]" and in_class:
            in_class -= 1
        elif not in_class and c == "(":
            flags = regex.match(r"\(\?([a-zA-Z]+)\)", pattern[i:])
            if flags:
                letters = flags.group(1).replace("U", "u")
                out.append(f"(?{letters}:")
                closers[-1] += 1
                i += flags.end()
                continue
            closers.append(0)
        elif not in_class and c == ")" and len(closers) > 1:
            out.append(")" * closers.pop())
        out.append(c)
        i += 1
    out.append(")" * closers[0])
    return "".join(out)


def compile_rule(before: str, after: str) -> regex.Pattern | None:
    """``(?<=before)(?=after)`` compiled, or None when a rule cannot be converted.

    A rule the converter cannot read is skipped rather than failing the whole file, as
    OmegaT does with rules its Java version rejects.
    """
    body = f"(?<={convert(before) or ''})(?={convert(after) or ''})"
    version = regex.V1 if "&&" in body else regex.V0
    try:
        return regex.compile(body, flags=version)
    except (regex.error, ValueError, OverflowError):
        return None
