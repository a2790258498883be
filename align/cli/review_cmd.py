"""``align review DIR``: correct the alignment and triage the findings in the browser, then export."""

from __future__ import annotations

import contextlib

import click

from align.cli.common import quiet_option, say


@click.command()
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False))
@click.option("--port", default=0, type=click.IntRange(0, 65535), help="Port on 127.0.0.1 (default: a random one).")
@click.option("--no-browser", is_flag=True, help="Do not open the browser; print the address only.")
@click.option("--export", "do_export", is_flag=True, help="Write the corrected outputs and exit (no server).")
@click.option("-o", "--output-dir", "outdir", type=click.Path(file_okay=False),
              help="Where --export writes (default: DIR/corrected).")
@click.option("--profile", type=click.Path(dir_okay=False),
              help="Project profile where rules go [default: ./align.toml if present, else DIR/align.toml].")
@click.option("--format", "formats", multiple=True, type=click.Choice(["tmx", "tsv", "xlsx"]),
              help="What --export writes (repeatable; default: all three).")
@quiet_option
def review(directory: str, port: int, no_browser: bool, do_export: bool, outdir: str | None,
           profile: str | None, formats: tuple[str, ...], quiet: bool) -> None:
    """Review the output folder DIR of `align run` (or one pair's folder of `align batch`).

    Opens a page on this computer only (127.0.0.1, a secret address) where you see every
    unit and every unaligned sentence in the translation's order, correct units (merge,
    split, move a sentence, unlink, link), and accept or reject the findings. Every
    decision is saved at once in DIR/review.json; stop with Ctrl-C. With --export, writes
    the corrected alignment.tmx, alignment.tsv, unaligned.tsv and alignment.xlsx.
    """
    from pathlib import Path

    from align.review.export import FORMATS, export
    from align.review.profile import profile_path
    from align.review.session import Session

    session = Session(directory, profile=profile_path(Path(directory).resolve(), profile))
    if do_export:
        paths = export(session.run, session.review, outdir or session.directory / "corrected", formats or FORMATS)
        say(quiet, f"{len(session.actions)} decisions applied"
                   + (f", {len(session.stale)} no longer apply (listed in review.json)" if session.stale else ""))
        say(quiet, "wrote " + ", ".join(str(p) for p in paths.values()))
        return
    if outdir or formats:
        raise click.UsageError("-o and --format go with --export")
    from align.review.serve import serve

    def ready(url: str) -> None:
        say(quiet, f"review of {session.directory}: {url}")
        say(quiet, f"decisions are saved in {session.path} as you make them, rules in {session.profile}; "
                   "stop with Ctrl-C")
        if quiet and no_browser:
            click.echo(url)

    with contextlib.suppress(KeyboardInterrupt):  # uvicorn re-raises the Ctrl-C it stopped on: the normal end
        serve(session, port, open_browser=not no_browser, on_ready=ready)
    say(quiet, f"stopped; {len(session.actions)} decisions in {session.path}")


def register(group: click.Group) -> None:
    group.add_command(review)
