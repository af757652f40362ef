"""The code base stays linted and typed, and every command documents itself."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from vbgraph.cli import app

ROOT = Path(__file__).resolve().parent.parent


def _run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or pytest.fail("ruff is not installed: pip install -e '.[test]'")
    result = _run(ruff, "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = _run(sys.executable, str(ROOT / "tests" / "typecheck.py"))
    assert result.returncode == 0, result.stdout + result.stderr


def _command_names() -> list[str]:
    """Every command, subcommands of groups (`neo4j start`) included."""
    import typer.main

    def walk(group: Any, prefix: str) -> list[str]:
        names = []
        for name, cmd in group.commands.items():
            names.append(prefix + name)
            if hasattr(cmd, "commands"):  # a group of commands
                names.extend(walk(cmd, f"{prefix}{name} "))
        return names

    return sorted(walk(typer.main.get_command(app), ""))


@pytest.mark.parametrize("name", _command_names())
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(app, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Example: vbgraph " + name in " ".join(result.output.split())


def test_defaults_named_in_help_texts_are_shown() -> None:
    """Rich reads "[default: ...]" as markup and drops it unless it is escaped."""
    for args, shown in ((["build", "--help"], "[default: vbgraph.db]"),
                        (["export", "--help"], "[default: from the file name, else json]")):
        result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
        assert shown in " ".join(result.output.split())
