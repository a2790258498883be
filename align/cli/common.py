"""What every command shares: the error boundary, ``--quiet``, language options, output."""

from __future__ import annotations

import contextlib
import errno
import math
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Any

import click

from align.config import RunSettings
from align.errors import AlignError
from align.io import read_text
from align.langcodes import DEFAULT_SOURCE, DEFAULT_TARGET, check_supported
from align.settings import PROFILE_NAME, override, parse_profile


class Group(click.Group):
    """A click group with one error boundary: a one-line message and exit 1/2, no traceback.

    Click's own usage errors (a bad option value, an unknown option) are turned into the same
    one line, ``align: error: …`` with exit 2, instead of its three-line usage block; the
    command list shows each command's whole first sentence, not a truncated one.
    """

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            value = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            where = f"{exc.ctx.command_path}: " if exc.ctx is not None and exc.ctx.parent is not None else ""
            _fail(where + " ".join(exc.format_message().split()), 2)
        except click.ClickException as exc:
            _fail(" ".join(exc.format_message().split()), exc.exit_code)
        except click.Abort:
            _fail("interrupted", 130)
        sys.exit(value if isinstance(value, int) else 0)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, cmd.get_short_help_str(limit=200)) for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        _terminate_like_interrupt()
        try:
            return super().invoke(ctx)
        except AlignError as exc:
            _fail(exc.one_line(), exc.exit_code)
        except Terminated:
            _fail("terminated (SIGTERM); complete outputs kept, nothing half-written left", 143)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)
        except OSError as exc:  # the disk, not the data: say what failed and where
            _fail(os_error_line(exc), 1)
        except UnicodeEncodeError as exc:  # PYTHONIOENCODING=ascii and a French sentence
            _fail(f"the terminal's encoding ({exc.encoding}) cannot show {exc.object[exc.start:exc.end]!r}; "
                  "set PYTHONIOENCODING=utf-8 or write to a file with -o", 1)
        except Exception as exc:  # the boundary: no traceback for users (ALIGN_DEBUG=1 shows it)
            if os.environ.get("ALIGN_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set ALIGN_DEBUG=1 for details)", 1)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is: every ``finally`` and ``atomic_write`` cleans
    up as for Ctrl-C (a batch killed by a scheduler left ``.*.tmp`` files and exited -15)."""


def _on_sigterm(_signum: int, _frame: object) -> None:
    raise Terminated


def _terminate_like_interrupt() -> None:
    with contextlib.suppress(ValueError):  # not the main thread (an embedding program): leave it
        signal.signal(signal.SIGTERM, _on_sigterm)


_OS_ERRORS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EISDIR: "is a directory",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EEXIST: "already exists",
    errno.ENAMETOOLONG: "file name too long",
    errno.ENOENT: "no such file or folder",
}


def os_error_line(exc: OSError) -> str:
    """``no space left on the device writing out/alignment.tsv``: what failed, and where."""
    what = _OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))
    where = exc.filename
    if where is None:
        return f"{what} ({exc.strerror or exc})" if exc.strerror and what != exc.strerror else what
    where = _final_name(str(where))
    return f"{what} writing {where}" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else f"{where}: {what}"


def _final_name(path: str) -> str:
    """The output a temporary file stood for (``out/.alignment.tsv.x1y2.tmp`` → ``out/alignment.tsv``)."""
    head, _, name = path.rpartition(os.sep)
    if name.startswith(".") and name.endswith(".tmp") and name.count(".") >= 3:
        name = name[1:].rsplit(".", 2)[0]
    return f"{head}{os.sep}{name}" if head else name


MAX_MESSAGE = 300
"""An error line longer than this is cut: a 10,000-character language tag echoed in full
is no message."""


def one_line(message: str) -> str:
    """``message`` on one line, at most ``MAX_MESSAGE`` characters (the rest counted)."""
    text = " ".join(str(message).split())
    return text if len(text) <= MAX_MESSAGE else f"{text[:MAX_MESSAGE]}… ({len(text):,} characters)"


def _fail(message: str, code: int) -> None:
    click.echo(f"align: error: {one_line(message)}", err=True)
    sys.exit(code)


def quiet_option(f: Callable) -> Callable:
    return click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")(f)


def language_callback(check: Callable[[str], str]) -> Callable[..., str | None]:
    """A click callback that checks a language option with ``check`` and says why in one line."""
    def callback(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return check(value)
        except AlignError as exc:
            raise click.BadParameter(exc.one_line()) from exc
    return callback


_lang = language_callback(check_supported)


def finite_score(_ctx: click.Context, _param: click.Parameter, value: float | None) -> float | None:
    """``--min-score``: ``FloatRange`` lets NaN through (every comparison with it is false)."""
    if value is not None and math.isnan(value):
        raise click.BadParameter("must be a number from 0 to 1, not nan")
    return value


def lang_options(f: Callable) -> Callable:
    """``--source-lang``/``--target-lang`` with fixed defaults (commands without a profile)."""
    f = click.option("--target-lang", default=DEFAULT_TARGET, show_default=True, callback=_lang,
                     help="Language of the target (translation): fr, fr-FR, fr-CA…")(f)
    return click.option("--source-lang", default=DEFAULT_SOURCE, show_default=True, callback=_lang,
                        help="Language of the source (original): en, en-US, en-GB…")(f)


def settings_options(f: Callable) -> Callable:
    """The options every job shares; each one left out comes from the project profile.

    The profile is ``--profile FILE``, else ``align.toml`` in the current folder if there
    is one; what neither gives takes the defaults (en → fr, minimum score 0).
    """
    f = click.option("--min-score", default=None, type=click.FloatRange(0, 1), callback=finite_score,
                     help="Units scored below this (0 to 1) go to unaligned.tsv instead of the TMX [default: 0].")(f)
    f = click.option("--ignore", "ignore_file", type=click.Path(),
                     help="JSON list of finding ids a reviewer accepted (kept out of every report).")(f)
    f = click.option("--glossary", type=click.Path(),
                     help="Glossary: OmegaT TSV (source, target, note), CSV with a header row, or TBX.")(f)
    f = click.option("--target-lang", default=None, callback=_lang,
                     help=f"Language of the target (translation): fr, fr-FR, fr-CA… [default: {DEFAULT_TARGET}].")(f)
    f = click.option("--source-lang", default=None, callback=_lang,
                     help=f"Language of the source (original): en, en-US, en-GB… [default: {DEFAULT_SOURCE}].")(f)
    return click.option("--profile", type=click.Path(dir_okay=False),
                        help=f"Project settings file [default: ./{PROFILE_NAME} if present].")(f)


def srx_options(f: Callable) -> Callable:
    """``--srx``, ``--srx-lang`` and ``--wrapped``: how the documents are cut into sentences."""
    f = click.option("--wrapped", is_flag=True, default=None,
                     help="Lines were broken at a fixed width (PDF, pandoc): a line followed by a "
                          "lower-case word goes on.")(f)
    f = click.option("--srx-lang", default=None, help="Language code used to pick the SRX rules.")(f)
    return click.option("--srx", default=None, metavar="omegat|languagetool|FILE.srx",
                        help="Cut sentences as your CAT tool does: the rules of the installed OmegaT or "
                             "LanguageTool, or of this SRX 2.0 file (then the memory's units are the "
                             "segments the CAT tool looks up).")(f)


def bom_option(f: Callable) -> Callable:
    return click.option("--bom", is_flag=True,
                        help="Start CSV files with a UTF-8 byte-order mark, so that Excel shows accents right.")(f)


def load_settings(profile: str | None, **options: object) -> RunSettings:
    """The profile (explicit, or ./align.toml) with the command line's options laid over it."""
    path = profile or (PROFILE_NAME if os.path.isfile(PROFILE_NAME) else None)
    settings = parse_profile(read_text(path), path) if path else RunSettings()
    return override(settings, **options)  # type: ignore[arg-type]


def lang_callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Validate a language option (``auto`` passes through)."""
    return value if value == "auto" else _lang(ctx, param, value)


def say(quiet: bool, message: str) -> None:
    """Informational output on stderr (stdout is kept for data), silenced by --quiet."""
    if not quiet:
        click.echo(message, err=True)


def show_progress(quiet: bool) -> bool:
    """Progress bars only on a terminal and never with --quiet."""
    return not quiet and sys.stderr.isatty()


@contextlib.contextmanager
def stage_progress(quiet: bool, stages: tuple[str, ...]) -> Iterator[Callable[[str], None]]:
    """A progress bar over named stages on a terminal; a no-op callback otherwise."""
    if not show_progress(quiet):
        yield lambda _name: None
        return
    with click.progressbar(length=len(stages), label="align", file=sys.stderr,
                           item_show_func=lambda name: name) as bar:

        def on_stage(name: str) -> None:
            bar.update(min(stages.index(name), len(stages)) - bar.pos if name in stages else 0, name)

        yield on_stage
        bar.update(len(stages) - bar.pos, "done")
