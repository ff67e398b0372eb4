"""Documentation that must not drift from the code."""

from __future__ import annotations

from pathlib import Path

import click
from fastapi import FastAPI

from tocsin.cli import cli
from tocsin.web import access

ROOT = Path(__file__).resolve().parent.parent


def commands(group: click.Group, prefix: str = "tocsin") -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            out += commands(command, path)
        else:
            out.append((path, command))
    return out


def test_every_command_and_option_is_documented() -> None:
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = []
    for path, command in commands(cli):
        if f"`{path}" not in docs:
            missing.append(path)
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt not in docs:
                    missing.append(f"{path} {opt}")
    assert not missing, f"undocumented in docs/cli.md: {missing}"


def test_readme_gives_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make up" in readme and "make test" in readme


def _between(text: str, marker: str) -> str:
    start = text.index(f"<!-- {marker}:start -->\n") + len(f"<!-- {marker}:start -->\n")
    return text[start : text.index(f"\n<!-- {marker}:end -->")]


def test_permissions_doc_matches_the_matrix_and_the_routes(app: FastAPI) -> None:
    docs = (ROOT / "docs" / "permissions.md").read_text(encoding="utf-8")
    assert _between(docs, "permission-matrix") == access.matrix_table(), (
        "docs/permissions.md: the permission matrix differs from tocsin/domain/permissions.py"
    )
    assert _between(docs, "route-table") == access.route_table(app), (
        "docs/permissions.md: the route table differs from the app; expected:\n"
        + access.route_table(app)
    )
