"""The README's promises: its two commands, and that CI runs exactly its test command."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from quizgen.cli import main

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_opens_with_the_build_and_the_test_command() -> None:
    build, test = readme_commands()[:2]
    assert "quizgen build seeds/" in build
    assert "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    test_command = readme_commands()[1]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_every_command_has_help_and_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert (command.help or "").strip(), f"{name} has no help text"
        assert f"quizgen {name}" in readme, f"{name} is not documented in the README"
