"""One error tree for the whole toolkit.

Library code raises these; only the CLI turns them into a one-line message and an exit
status (1 for bad data, 2 for bad usage), so no user ever sees a traceback and no library
caller ever sees ``sys.exit``.
"""

from __future__ import annotations


class AlignError(Exception):
    """Base error: a one-line message, an optional hint, and the CLI exit status."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __reduce__(self) -> tuple:
        """Pickled with its hint (an error raised in a helper process reaches the user whole)."""
        return type(self), (self.message, self.hint)

    def one_line(self) -> str:
        text = f"{self.message} ({self.hint})" if self.hint else self.message
        return " ".join(text.split())


class DataError(AlignError):
    """The input is unusable: empty, undecodable, malformed XML, inconsistent alignment."""

    exit_code = 1


class UsageError(AlignError):
    """The call is wrong: unknown language code, missing file, incompatible options."""

    exit_code = 2
