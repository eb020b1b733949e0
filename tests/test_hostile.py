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
    """(file, rule or None, where it is put, red-team defect or "-") for each input of the corpus."""
    for line in (HOSTILE / "expected.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, rule, place, defect = line.split()
            yield name, None if rule == "none" else rule, place, defect


def assert_only(result, rule):
    assert "Traceback" not in result.out + result.err
    if rule is None:
        assert (result.code, result.lines) == (0, [])
        return
    assert result.code == 1, result.out + result.err
    found = {line.split(": ")[1] for line in result.lines}
    assert found == {rule}, result.lines


def test_the_corpus_has_at_least_25_cases_and_every_file_is_listed():
    listed = [name for name, *_ in corpus()]
    assert len(listed) >= 25
    assert sorted(listed) == sorted(p.name for p in HOSTILE.iterdir() if p.name != "expected.txt")


@pytest.mark.parametrize("name,rule,place,defect", list(corpus()), ids=[n for n, *_ in corpus()])
def test_each_hostile_file_gives_its_expected_rule(project, name, rule, place, defect):
    project.write(place, (HOSTILE / name).read_bytes())
    assert_only(project.cop("check"), rule)


def test_a_glossary_over_the_size_limit_gives_one_problem_not_one_per_reference(project):
    glossary = "practices/glossary.yaml"
    project.write(glossary, project.read(glossary) + "# " + "x" * 1_000_000 + "\n")
    assert_only(project.cop("check"), "file-size")


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
    assert [line.split(": ")[1] for line in result.lines] == ["symlink"]
    assert result.lines[0].startswith(TARGET)
    assert "Traceback" not in result.err


def test_a_symlinked_folder_is_not_walked(project, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "games.yaml").write_text("office: EP\n")
    os.symlink(outside, project.path("practices/EP/more"))
    result = project.cop("check")
    assert [line.split(": ")[1] for line in result.lines] == ["symlink"]


@pytest.mark.parametrize("path", ["../../practices/EP/program-claims.md", "/etc/passwd.md", "sessions/../../x.md"])
def test_workshop_paths_may_not_leave_the_workshop_folder(project, path):
    project.edit("workshops/demo/workshop.yaml", "  - sessions/02-exercise.md", f"  - sessions/02-exercise.md\n  - {path}")
    assert_only(project.cop("check"), "workshop-path")


def test_a_session_that_is_not_utf8_is_reported(project):
    rel = "workshops/demo/sessions/01-opening.md"
    project.write(rel, project.read(rel).replace("Welcome", "Welcome \u201chere\u201d").encode("cp1252"))
    assert_only(project.cop("check"), "encoding")


# Defects of the red-team report that a data file cannot carry (a command's target, concurrency,
# signals, git, time), and the tests that reproduce them.
ELSEWHERE = {
    "D2": ["test_outputs.py::test_cop_build_refuses_the_project_its_sources_and_unmarked_folders_touching_nothing"],
    "D4": ["test_red_team.py::test_d4_a_symlink_in_docs_is_refused_by_the_check_and_by_the_build_with_the_check_off",
           "test_red_team.py::test_d4_a_page_that_reaches_for_python_fails_the_build_with_a_clear_message"],
    "D5": ["test_rendering.py::test_the_red_team_reproductions_render_as_text",
           "test_rendering.py::test_rendering_work_grows_linearly_with_any_text"],
    "D9": ["test_changed.py::test_a_file_whose_name_is_not_ascii_is_checked_untracked_and_committed",
           "test_changed.py::test_deleting_an_entry_reports_the_links_to_it_in_unchanged_files"],
    "D10": ["test_outputs.py::test_builds_into_one_folder_at_once_take_turns_and_leave_no_staging"],
    "D11": ["test_outputs.py::test_a_signal_during_cop_build_leaves_the_previous_site_and_no_staging",
            "test_outputs.py::test_a_signal_during_cop_pack_leaves_nothing_in_the_temp_folder"],
    "D14": ["test_outputs.py::test_a_read_only_output_is_one_plain_line",
            "test_outputs.py::test_an_output_below_a_file_is_one_plain_line",
            "test_outputs.py::test_a_file_size_limit_during_cop_build_keeps_the_previous_site"],
    "D16": ["test_hostile.py::test_a_glossary_over_the_size_limit_gives_one_problem_not_one_per_reference",
            "test_red_team.py::test_d16_every_file_broken_any_way_gives_exactly_one_problem"],
}


def test_every_defect_of_the_red_team_report_is_reproduced_here_or_by_a_named_test():
    import importlib

    in_corpus = {defect for *_, defect in corpus() if defect != "-"}
    for defect in [f"D{n}" for n in range(1, 17)]:
        assert defect in in_corpus or defect in ELSEWHERE, defect
    for tests in ELSEWHERE.values():
        for test in tests:
            module, _, name = test.partition("::")
            assert hasattr(importlib.import_module(module[: -len(".py")]), name), test
