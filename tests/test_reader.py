"""Reading a file: bytes that are not clean UTF-8 YAML become one positioned problem, never an exception."""

import os

from cop import yamldoc
from cop.rules import duplicate_key, encoding, file_size, yaml_alias, yaml_syntax, yaml_tag

EP_PROG = "practices/EP/program-claims.yaml"


def test_a_windows_1252_quote_is_reported_at_its_line_and_column(project):
    raw = project.read(EP_PROG).encode().replace(b"Program claims are", b"\x93Program\x94 claims are")
    project.write(EP_PROG, raw)
    [problem] = project.problems()
    assert (problem.rule, problem.line, problem.col) == ("encoding", 4, 10)


def test_a_byte_order_mark_is_refused(project):
    project.write(EP_PROG, b"\xef\xbb\xbf" + project.read(EP_PROG).encode())
    [problem] = project.problems()
    assert (problem.rule, problem.path, problem.line) == ("encoding", EP_PROG, 1)


def test_a_file_over_the_size_limit_is_refused_before_parsing(project):
    project.write(EP_PROG, project.read(EP_PROG) + "# " + "x" * yamldoc.MAX_BYTES + "\n")
    [problem] = project.problems()
    assert problem.rule == "file-size" and "limit" in problem.message


def test_windows_line_endings_read_like_unix_ones(project):
    project.write(EP_PROG, project.read(EP_PROG).replace("\n", "\r\n").encode())
    assert project.problems() == []


def test_an_empty_file_and_a_list_are_not_entries(project):
    project.write(EP_PROG, "")
    project.write("practices/SG/program-claims.yaml", "- office: SG\n")
    problems = project.problems()
    assert [(p.rule, p.path.split("/")[1]) for p in problems] == [("schema", "EP"), ("schema", "SG")]
    assert "empty" in problems[0].message and "mapping" in problems[1].message


def test_a_symbolic_link_is_not_followed(project, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("office: EP\n")
    os.symlink(outside, project.path("practices/EP/games.yaml"))
    [problem] = project.problems()
    assert (problem.rule, problem.path) == ("symlink", "practices/EP/games.yaml")


def test_deep_nesting_is_bounded():
    text = "a: " + "[" * 200 + "]" * 200 + "\n"
    doc, problems = yamldoc.parse(text, "deep.yaml")
    assert doc is None and problems[0].rule in ("schema", "yaml-syntax")


def test_a_billion_laughs_file_is_refused_at_the_first_alias():
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    problems = list(yaml_alias.check("\n".join(lines) + "\n"))
    assert len(problems) == 1 and problems[0].line == 1


def test_the_read_stage_rules_each_find_their_own_problem():
    assert [p.rule for p in encoding.check(b"a: \xff\n")] == ["encoding"]
    assert [p.rule for p in file_size.check("a: " + "x" * yamldoc.MAX_BYTES)] == ["file-size"]
    [unclosed] = yaml_syntax.check("a: [1,\nb: 2\n")
    assert unclosed.line == 3 and "started at line 1" in unclosed.message
    assert [p.line for p in duplicate_key.check("a: 1\nb: 2\na: 3\n")] == [3]
    assert [p.line for p in yaml_tag.check("a: !!set {x}\n")] == [1]
    assert list(yaml_tag.check("a: !!str 2024\n")) == []


def test_every_value_keeps_its_line_and_column():
    doc, problems = yamldoc.parse("a: 1\nb:\n  - x\n  - {c: yes}\n", "f.yaml")
    assert problems == []
    assert doc.data == {"a": 1, "b": ["x", {"c": True}]}
    assert doc.where(("b", 1, "c")) == (4, 9)
    assert doc.where_key(("b",)) == (2, 1)
