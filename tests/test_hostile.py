"""Hostile and broken inputs: each gives its expected problem, never a traceback, in bounded time.

The corpus is tests/hostile/ (expected.txt says which rule must report each file); inputs that
are too big to keep or that depend on the file system are made here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent / "hostile"
TARGET = "practices/EP/program-claims.yaml"


def corpus():
    for line in (HOSTILE / "expected.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, rule = line.split()
            yield name, None if rule == "none" else rule


def assert_only(result, rule):
    assert "Traceback" not in result.out + result.err
    if rule is None:
        assert (result.code, result.lines) == (0, [])
        return
    assert result.code == 1, result.out + result.err
    found = {line.split(": ")[1] for line in result.lines}
    assert found == {rule}, result.lines


def test_the_corpus_has_at_least_25_cases():
    assert len(list(corpus())) >= 25


@pytest.mark.parametrize("name,rule", list(corpus()), ids=[n for n, _ in corpus()])
def test_each_hostile_file_gives_its_expected_rule(project, name, rule):
    project.write(TARGET, (HOSTILE / name).read_bytes())
    assert_only(project.cop("check"), rule)


def test_a_50_mb_file_is_refused_by_the_size_limit(project):
    with open(project.path(TARGET), "ab") as handle:
        handle.write(b"# " + b"x" * (50 * 1024 * 1024) + b"\n")
    assert_only(project.cop("check"), "file-size")


def test_deeply_nested_structures_are_bounded(project):
    project.write(TARGET, "office: EP\nnested: " + "[" * 5000 + "]" * 5000 + "\n")
    result = project.cop("check")
    assert "Traceback" not in result.err and result.code == 1
    assert {line.split(": ")[1] for line in result.lines} <= {"schema", "yaml-syntax"}


def test_a_symlink_out_of_the_repository_is_not_followed(project, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("office: EP\n")
    project.path(TARGET).unlink()
    os.symlink(secret, project.path(TARGET))
    result = project.cop("check")
    assert any(line.startswith(TARGET) and ": file-kind: " in line for line in result.lines)
    assert "Traceback" not in result.err


def test_a_symlinked_folder_is_not_walked(project, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "games.yaml").write_text("office: EP\n")
    os.symlink(outside, project.path("practices/EP/more"))
    result = project.cop("check")
    assert [line.split(": ")[1] for line in result.lines] == ["file-kind"]


@pytest.mark.parametrize("path", ["../../practices/EP/program-claims.md", "/etc/passwd.md", "sessions/../../x.md"])
def test_workshop_paths_may_not_leave_the_workshop_folder(project, path):
    project.edit("workshops/demo/workshop.yaml", "  - sessions/02-exercise.md", f"  - sessions/02-exercise.md\n  - {path}")
    assert_only(project.cop("check"), "workshop-path")


def test_a_session_that_is_not_utf8_is_reported(project):
    rel = "workshops/demo/sessions/01-opening.md"
    project.write(rel, project.read(rel).replace("Welcome", "Welcome \u201chere\u201d").encode("cp1252"))
    assert_only(project.cop("check"), "encoding")
