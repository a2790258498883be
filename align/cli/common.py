"""What every command shares: the error boundary, ``--quiet``, language options, output."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import click

from align.errors import AlignError
from align.langcodes import check_supported


class Group(click.Group):
    """A click group with one error boundary: a one-line message and exit 1/2, no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AlignError as exc:
            _fail(exc.one_line(), exc.exit_code)
        except click.UsageError as exc:  # a bad option value: one line, not click's Usage/Try/Error block
            _fail(exc.format_message(), 2)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)
        except Exception as exc:  # the boundary: no traceback for users (ALIGN_DEBUG=1 shows it)
            if os.environ.get("ALIGN_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set ALIGN_DEBUG=1 for details)", 1)


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


def _lang(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return check_supported(value)
    except AlignError as exc:
        raise click.BadParameter(exc.one_line()) from exc


def lang_options(f: Callable) -> Callable:
    f = click.option("--target-lang", default="fr", show_default=True, callback=_lang,
                     help="Language of the target (translation), BCP 47.")(f)
    return click.option("--source-lang", default="en", show_default=True, callback=_lang,
                        help="Language of the source (original), BCP 47.")(f)


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
