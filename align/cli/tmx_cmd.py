"""``align tmx``: inspect and convert translation memories."""

from __future__ import annotations

import click

from align.cli.common import quiet_option
from align.formats.tmx import read_tmx
from align.io import read_bytes


@click.group()
def tmx() -> None:
    """Read TMX files: statistics and conversion."""


@tmx.command()
@click.argument("file", type=click.Path(allow_dash=True))
@quiet_option
def stats(file: str, quiet: bool) -> None:
    """Count the translation units of FILE and their languages."""
    import io

    units = list(read_tmx(io.BytesIO(read_bytes(file))))
    click.echo(f"units\t{len(units)}")
    click.echo(f"empty\t{sum(1 for u in units if not u.source.strip() or not u.target.strip())}")
    click.echo(f"duplicates\t{len(units) - len({(u.source, u.target) for u in units})}")


def register(group: click.Group) -> None:
    group.add_command(tmx)
