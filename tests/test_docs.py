"""Every command is documented: the README names each one (as sqlite-utils' docs test does)."""

from pathlib import Path

import click

from align.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "align"):
    for name, cmd in group.commands.items():
        yield f"{prefix} {name}"
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, f"{prefix} {name}")


def test_every_command_is_in_the_readme():
    missing = [c for c in _commands(main) if f"`{c}" not in README]
    assert not missing, f"undocumented commands: {missing}"


def test_readme_starts_with_the_two_commands():
    head = README.split("```")[1]
    assert "scripts/demo.sh" in head and "scripts/test.sh" in head
