"""Shared helpers: a copy of the small, complete fixture knowledge base, and ways to check it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).parent
REPO = HERE.parent
GOOD = HERE / "fixtures" / "good"
TODAY = "2026-06-01"


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.out.splitlines() if line]


class Project:
    """A throw-away copy of a knowledge base that a test may break."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str | bytes) -> None:
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, 1))

    def problems(self, today: str = TODAY):
        from cop.check import run

        return run(self.root, dt.date.fromisoformat(today))

    def cop(self, *args: str, today: str | None = TODAY) -> CliResult:
        extra = ["--today", today] if today and args and args[0] == "check" else []
        return cop(*args, *extra, cwd=self.root)


def cop(*args: str, cwd: Path) -> CliResult:
    proc = subprocess.run([sys.executable, "-m", "cop.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def read_problems(text: str | bytes, kind: str = "entry", path: str = "example.yaml") -> list:
    """Every problem the loader reports for one file of `kind` with this content: the whole list."""
    from cop.read import read_file

    raw = text.encode("utf-8") if isinstance(text, str) else text
    return read_file(raw, path, kind)[1]


def copy_fixture(target: Path) -> Project:
    shutil.copytree(GOOD, target)
    # The fixture site runs the project's real stylesheet, script and offline shim.
    shutil.copytree(REPO / "docs" / "assets", target / "docs" / "assets")
    return Project(target)


@pytest.fixture
def project(tmp_path) -> Project:
    return copy_fixture(tmp_path / "kb")
