"""Reading a file: bytes that are not clean UTF-8 YAML become one positioned problem, never an exception."""

import os

from conftest import read_problems
from cop import yamldoc

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
    [problem] = read_problems(text)
    assert (problem.rule, problem.line) == ("schema", 1) and "nesting deeper than 32 levels" in problem.message


def test_a_billion_laughs_file_is_refused_at_the_first_alias():
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    assert [(p.rule, p.line, p.col) for p in read_problems("\n".join(lines) + "\n")] == [("yaml-alias", 1, 4)]


def where(problems) -> list[tuple]:
    return [(p.rule, p.line, p.col) for p in problems]


def test_each_read_stage_rule_gives_the_whole_problem_list_of_its_file():
    assert where(read_problems(b"a: \xff\n")) == [("encoding", 1, 4)]
    assert where(read_problems("a: " + "x" * yamldoc.MAX_BYTES)) == [("file-size", 1, 1)]
    [unclosed] = read_problems("a: [1,\nb: 2\n")
    assert (unclosed.rule, unclosed.line) == ("yaml-syntax", 3) and "started at line 1" in unclosed.message
    assert where(read_problems("a: 1\nb: 2\na: 3\n")) == [("duplicate-key", 3, 1)]
    assert where(read_problems("a: !!set {x}\n")) == [("yaml-tag", 1, 4)]


def test_a_standard_tag_is_read_as_its_value_and_is_no_problem():
    reading = yamldoc.parse("a: !!str 2024\n", "f.yaml")
    assert reading.document.data == {"a": "2024"} and reading.tags == []
    # As a whole entry it is still checked against its schema: only the schema complains.
    assert {p.rule for p in read_problems("a: !!str 2024\n")} == {"schema"}


def test_every_value_keeps_its_line_and_column():
    doc = yamldoc.parse("a: 1\nb:\n  - x\n  - {c: yes}\n", "f.yaml").document
    assert doc.data == {"a": 1, "b": ["x", {"c": True}]}
    assert doc.where(("b", 1, "c")) == (4, 9)
    assert doc.where_key(("b",)) == (2, 1)


ANCHORED = ["a: &x 1\n", "- &x 1\n", "a: [&x 1]\n", "{&x a: 1}\n", "a: !!str &x 1\n", "&x a: 1\n", "a: [1,&x 2]\n",
            "a:\n  - &x\n    b: 1\n", "? &x a\n: 1\n", "a: >\n  text\nb: &x 1\n", "a: \"q\"\nb: &amp 2\n"]


def test_an_anchor_wherever_a_node_may_start_is_refused_even_unused():
    for text in ANCHORED:
        assert [p.rule for p in read_problems(text)] == ["yaml-alias"], text


def test_an_ampersand_inside_words_is_not_read_for_anchors_again(monkeypatch):
    import yaml

    def never(*args, **kwargs):
        raise AssertionError("parsed again for anchors")

    monkeypatch.setattr(yaml, "parse", never)
    for text in ["a: R&D and A & B\n", "a: |\n  Q&A: x&y\n", "a: [R&D, 'x&y']\n"]:
        assert "yaml-alias" not in [p.rule for p in read_problems(text)], text


def test_every_node_gets_the_tag_pyyaml_itself_gives_it():
    import yaml

    # Every first character PyYAML has a pattern for, as plain, quoted and block scalars, as keys
    # and as values, with more distinct values than the tag cache holds and each twice over.
    words = ["true", "No", "off", "~", "null", "1", "-1.5", "+3", "0x1F", "0o7", "1_000", ".inf", "-.NaN",
             "2024-02-30", "2024-01-01 10:00:00", "=", "<<x", "yes please", "offline", "Nothing", "12 monkeys", ""]
    starts = sorted(set(yamldoc._MAYBE_TYPED) - {"", "!", "&", "*"})  # those three start a tag, an anchor, an alias
    words += [f"{c}{n}" for c in starts for n in ("0", ".5", "e3", "x", "es")]
    words += [f"value {n}" for n in range(300)]
    lines = [f"k{i}: {w}\nq{i}: '{w}'\nb{i}: |\n  {w or 'x'}\n{w or 'z'}{i}: [{w}]" for i, w in enumerate(words * 2)]
    text = "\n".join(lines) + "\n"

    def tags(node):
        if isinstance(node, yaml.ScalarNode):
            return node.tag, node.value
        pairs = node.value if isinstance(node, yaml.MappingNode) else [(child, None) for child in node.value]
        return node.tag, [(tags(k), tags(v) if v is not None else None) for k, v in pairs]

    assert tags(yaml.compose(text, Loader=yamldoc._Loader)) == tags(yaml.compose(text, Loader=yaml.SafeLoader))


def test_positions_are_worked_out_when_first_asked_for_and_are_those_of_the_text():
    doc = yamldoc.parse("# note\nsession: x\nlist:\n  - a\n  - {b: 1}\n", "f.yaml", line_offset=3).document
    assert "_positions" not in doc.__dict__  # nothing asked, nothing worked out
    assert doc.where(("list", 1, "b")) == (8, 9) and doc.where_key(("list",)) == (6, 1)
    assert doc.where(("list", 7)) == doc.where(("list",)) == (7, 3)  # the nearest recorded ancestor
    assert doc.marks is doc.marks  # worked out once


def test_a_document_sent_to_another_process_arrives_whole_with_its_positions():
    import pickle

    text = "a: 1\nb:\n  - x\n  - {c: yes, d: 'two words'}\ne: >\n  folded\n  text\nf: 2.5\ng: null\n"
    sent = yamldoc.parse(text, "f.yaml").document
    got = pickle.loads(pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL))  # positions not yet asked for
    assert (got.path, got.data, got.strings) == (sent.path, sent.data, sent.strings)
    assert (got.marks, got.key_marks) == (sent.marks, sent.key_marks) and got.marks
    assert got.where(("b", 1, "d")) == (4, 17) and got.where_key(("e",)) == (5, 1)
    # Sent on again, before or after its positions were asked for, it is still the same.
    for again in (pickle.loads(pickle.dumps(pickle.loads(pickle.dumps(sent)))), pickle.loads(pickle.dumps(got))):
        assert (again.data, again.strings, again.marks, again.key_marks) == (sent.data, sent.strings, sent.marks, sent.key_marks)
