"""The red team's reproductions (../shared/reviews/red-team-2026-11.md), each as the report gives it.

Every row the report marks as a defect must now give a clear problem (exit 1), a refusal
(exit 2) with a plain message, or be harmless. Rows about output folders, concurrency and
signals (D2, D10, D11, D14) are in test_outputs.py, `--changed` (D9) in test_changed.py,
rendering cost (D5) in test_rendering.py, and the unsafe-markup classes (D1's attribute lists,
D15, row 64) in test_unsafe_markup.py.
"""

from __future__ import annotations

import csv
import io
import os

import pytest

from sites import Elements, build

SESSION = "workshops/demo/sessions/02-exercise.md"
GLOSSARY = "practices/glossary.yaml"
CASE = "practices/cases/ai-anomaly-detection.yaml"


def check_off(project):
    project.edit("mkdocs.yml", "  - cop\n", "  - cop:\n      check: false\n")


def rules_of(result) -> list[str]:
    assert "Traceback" not in result.out + result.err
    return [line.split(": ")[1] for line in result.lines]


def live(html: str) -> list[str]:
    """Elements that run code or load from another host."""
    found = []
    for tag, attrs in Elements(html).found:
        found += [f"<{tag} {name}>" for name in attrs if name.startswith("on")]
        if tag in ("script", "iframe", "object", "embed", "base", "form") and "evil" in str(attrs):
            found.append(f"<{tag}>")
        if tag in ("img", "source", "video", "audio", "link") and "evil.example" in attrs.get("src", "") + attrs.get("href", ""):
            found.append(f"<{tag} {attrs}>")
        if attrs.get("href", "").strip().lower().startswith(("javascript:", "vbscript:", "data:")):
            found.append(f"<{tag} href={attrs['href'][:20]}>")
    return found


# D1 (row 1, critical): Markdown in a glossary term came alive through the term() macro.

IMAGE_WITH_HANDLER = "COMVIK ![approach](https://evil.example/pixel.png){: onerror=alert(document.domain) }"


def macro_page(project):
    """A hand-written page that calls every macro inline, as a block, in a heading and in a table."""
    project.write("docs/macros.md", "# Macros\n\nInline {{ term('cii') }} and {{ term('technical-character') }}.\n\n"
                  "## About {{ term('cii') }}\n\n| term | case |\n| --- | --- |\n| {{ term('cii') }} | x |\n\n"
                  "{{ topic_table('program-claims') }}\n\n{{ practice('EP', 'program-claims') }}\n\n"
                  "{{ case_outcomes('ai-anomaly-detection') }}\n\n{{ worksharing_table() }}\n\n"
                  "- a list item with {{ term('cii') }} inside\n")


def test_d1_a_glossary_term_with_an_image_and_attribute_list_is_refused_by_the_check(project):
    project.edit(GLOSSARY, "term: Computer-implemented invention", f'term: "{IMAGE_WITH_HANDLER}"')
    result = project.cop("check")
    assert result.code == 1 and rules_of(result) == ["unsafe-markup"]


def test_d1_with_the_check_off_macro_output_is_final_html_in_every_position(project, tmp_path):
    check_off(project)
    macro_page(project)
    for field in ("term: Computer-implemented invention", "abbreviation: CII"):
        name, _ = field.split(": ")
        project.edit(GLOSSARY, field, f'{name}: "{IMAGE_WITH_HANDLER}"')
    project.edit(CASE, "title: Anomaly detection with a trained model", f'title: "{IMAGE_WITH_HANDLER}"')
    project.edit("practices/EP/office.yaml", "name: European Patent Office", f'name: "{IMAGE_WITH_HANDLER}"')
    project.edit("practices/topics.yaml", "title: Program claims", f'title: "{IMAGE_WITH_HANDLER}"')
    site = build(project, tmp_path / "site")
    html = (site / "macros" / "index.html").read_text(encoding="utf-8")
    assert html.count("evil.example/pixel.png") >= 8  # the payload is there, as text
    assert live(html) == []
    for page in site.rglob("*.html"):
        assert live(page.read_text(encoding="utf-8")) == [], page
    # A term in a heading: the heading keeps its anchor, made from the term's text.
    assert '<h2 id="about-comvik-approach' in html


def test_d1_a_blank_line_in_a_multi_line_field_cannot_end_the_html_block_it_sits_in(project, tmp_path):
    check_off(project)
    project.edit("practices/EP/program-claims.yaml", "note: Pinpoint not yet checked against the 2025 text.",
                 'note: "before\\n\\n![x](https://evil.example/blank.png){: onerror=alert(1) }\\n\\nafter"')
    site = build(project, tmp_path / "site")
    for page in ("compare/program-claims/index.html", "offices/EP/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "evil.example/blank.png" in html and live(html) == [], page


# D3 (rows 2-10): anything the block grammar did not recognise was shown to participants.

OPENERS = ["::: Answer", " ::: answer", "::: answers", "::: answer-key", ":::answer:", "::: {.answer}",
           "::: facilitator notes", "\uff1a\uff1a\uff1a answer", "\u200b::: answer", "::::"]


@pytest.mark.parametrize("opener", OPENERS, ids=repr)
def test_d3_an_opener_that_is_not_exactly_facilitator_or_answer_is_an_error_at_its_line(project, opener):
    project.edit(SESSION, "::: answer", opener)
    result = project.cop("check")
    assert result.code == 1 and rules_of(result) == ["session-block"]
    assert result.lines[0].startswith(f"{SESSION}:9:1: session-block:")


def test_d3_blocks_do_not_nest_and_the_inner_opener_is_the_error(project):
    project.edit(SESSION, "::: answer\n", "::: facilitator\n::: answer\nSECRETONE\n:::\nSECRETTWO\n")
    result = project.cop("check")
    assert rules_of(result) == ["session-block"] and result.lines[0].startswith(f"{SESSION}:10:1:")
    assert "do not nest" in result.lines[0]


def test_d3_a_session_the_grammar_refuses_is_left_out_even_with_every_check_off(project, tmp_path):
    check_off(project)
    project.edit(SESSION, "::: answer\n", "::: facilitator\n::: answer\nSECRETONE\n:::\nSECRETTWO\n")
    site = build(project, tmp_path / "site")
    page = (site / "workshops" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "SECRETTWO" not in page and "SECRETONE" not in page


def test_d3_cr_only_line_ends_are_line_ends_for_the_grammar_too(project, tmp_path):
    text = project.read(SESSION).replace("::: answer\n", "Stretch.\n::: answer\nSECRET\n").replace("\n", "\r")
    project.write(SESSION, text.encode("utf-8"))
    result = project.cop("check")
    assert (result.code, result.lines) == (0, [])
    site = build(project, tmp_path / "site")
    page = (site / "workshops" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "Stretch." in page and "SECRET" not in page


# D4 (rows 15, 16): symbolic links and Jinja in docs/.

def test_d4_a_symlink_in_docs_is_refused_by_the_check_and_by_the_build_with_the_check_off(project, tmp_path):
    os.symlink("/proc/self/environ", project.path("docs/env.txt"))
    result = project.cop("check")
    assert result.code == 1 and rules_of(result) == ["symlink"] and result.lines[0].startswith("docs/env.txt:1:1:")
    check_off(project)
    os.environ["FAKE_CI_TOKEN"] = "ghp_SECRET123"
    try:
        result = project.cop("build", "--site-dir", str(tmp_path / "site"))
    finally:
        del os.environ["FAKE_CI_TOKEN"]
    assert result.code == 1 and "docs/env.txt" in result.err and "Traceback" not in result.err
    assert not (tmp_path / "site").exists()


def test_d4_a_symlinked_folder_anywhere_in_docs_is_refused(project):
    outside = project.root.parent / "outside"
    outside.mkdir()
    os.symlink(outside, project.path("docs/more"))
    assert rules_of(project.cop("check")) == ["symlink"]


def test_d4_a_page_that_reaches_for_python_fails_the_build_with_a_clear_message(project, tmp_path):
    marker = tmp_path / "ran"
    project.write("docs/ssti.md", "# x\n\n{{ self.__init__.__globals__.__builtins__.__import__('os')"
                                  f".popen('touch {marker}').read() }}}}\n")
    result = project.cop("build", "--site-dir", str(tmp_path / "site"))
    assert result.code == 1 and not marker.exists()
    assert "ssti.md" in result.err and "unsafe" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("template", [
    "{{ config['plugins']['cop'].kb.root }}",
    "{{ lipsum.__globals__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ macros_info() }}",
    "{{ ''.__class__.__mro__ }}",
])
def test_d4_a_page_reaches_nothing_but_our_macros_and_plain_values(project, tmp_path, template):
    project.write("docs/probe.md", f"# x\n\n{template}\n")
    result = project.cop("build", "--site-dir", str(tmp_path / "site"))
    assert result.code == 1 and "probe.md" in result.err


def test_d4_plain_jinja_still_works_in_a_hand_written_page(project, tmp_path):
    project.write("docs/plain.md", "# x\n\n{% for n in range(3) %}{{ loop.index }}{% endfor %} {{ 'ab'.upper() }}\n")
    site = build(project, tmp_path / "site")
    assert "123 AB" in (site / "plain" / "index.html").read_text(encoding="utf-8")


# D6 (rows 19, 21, 22): bad input that crashed instead of a positioned problem.

def test_d6_an_integral_float_where_a_count_is_meant_is_a_schema_problem(project):
    project.edit("workshops/demo/workshop.yaml", "minutes: 75", "minutes: 75.0")
    result = project.cop("check")
    assert rules_of(result) == ["schema"]
    assert result.lines[0].startswith("workshops/demo/workshop.yaml:6:10:") and "write 75" in result.lines[0]


@pytest.mark.parametrize("text", ["---\ntitle: x\nminutes: 10\nkind: break\n", "---", "---\n", "---\r\ntitle: x\r\n"])
def test_d6_front_matter_never_closed_is_a_positioned_problem(project, text):
    project.write(SESSION, text)
    result = project.cop("check")
    assert result.code == 1 and rules_of(result) == ["schema"] and "never closed" in result.lines[0]


# D7 (rows 23, 24): review status spoofed; controls switched off in the same change.

def test_d7_a_case_analysis_endorsed_by_a_reviewer_the_office_does_not_list_is_refused(project):
    project.edit(CASE, "    status: draft\n    note: Illustrative analysis, not checked.\n",
                 "    status: endorsed\n    reviewers: [{name: Somebody, office: EP, role: office, date: 2026-05-20}]\n", )
    result = project.cop("check")
    assert rules_of(result) == ["review-status"] and "does not list" in result.lines[0]


def test_d7_the_office_listing_its_reviewer_makes_the_status_honest(project):
    project.edit(CASE, "    status: draft\n    note: Illustrative analysis, not checked.\n",
                 "    status: endorsed\n    reviewers: [{name: Somebody, office: EP, role: office, date: 2026-05-20}]\n")
    project.write("practices/EP/office.yaml", project.read("practices/EP/office.yaml")
                  + "reviewers:\n  - {name: Somebody, role: office}\n")
    assert project.cop("check").lines == []


def test_d7_locked_rules_cannot_be_switched_off_in_cop_yaml_and_still_report(project):
    project.write("cop.yaml", project.read("cop.yaml") + "rules:\n  review-status: off\n  unsafe-markup: off\n"
                  "  answer-key-leak: warning\n  symlink: off\n  stale-review: off\n")
    project.edit("practices/EP/program-claims.yaml", "summary: Program claims", "summary: <b>Program</b> claims")
    result = project.cop("check")
    assert result.code == 1
    assert sorted(rules_of(result)) == ["rule-config"] * 4 + ["unsafe-markup"]
    assert all(": rule-config: rule '" in line for line in result.lines if "rule-config" in line)


def test_d7_a_misspelt_rule_name_in_cop_yaml_is_an_error_with_the_nearest_name(project):
    project.write("cop.yaml", project.read("cop.yaml") + "rules:\n  stale-reveiw: off\n")
    [line] = project.cop("check").lines
    assert ": rule-config: there is no rule 'stale-reveiw'" in line and "did you mean 'stale-review'?" in line


def test_d7_codeowners_gives_the_shared_and_control_files_to_the_core_maintainers(project):
    from cop.codeowners import render
    from cop.load import load

    lines = render(load(project.root).kb).splitlines()
    for path in ("/practices/cases/", "/cop.yaml", "/.github/", "/.ci/"):
        assert f"{path} @cop-core" in lines
    assert lines.index("/practices/cases/ @cop-core") > lines.index("/practices/SG/ @sg-examiner")  # last match wins
    assert "* @cop-core" in lines


# D8 (rows 25-27): reserved ids replaced the index pages.

def test_d8_a_case_called_index_is_refused(project):
    project.write("practices/cases/index.yaml", project.read(CASE).replace("id: ai-anomaly-detection", "id: index"))
    result = project.cop("check")
    assert rules_of(result) == ["reserved-name"] and result.lines[0].startswith("practices/cases/index.yaml:1:5:")


def test_d8_a_workshop_called_index_is_refused(project):
    folder = project.path("workshops/index")
    folder.mkdir()
    for path in project.path("workshops/demo").rglob("*"):
        target = folder / path.relative_to(project.path("workshops/demo"))
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file():
            target.write_bytes(path.read_bytes())
    project.edit("workshops/index/workshop.yaml", "id: demo", "id: index")
    assert rules_of(project.cop("check")) == ["reserved-name"]


def test_d8_with_the_check_off_a_colliding_page_fails_the_build_instead_of_replacing_the_index(project, tmp_path):
    check_off(project)
    project.write("practices/cases/index.yaml", project.read(CASE).replace("id: ai-anomaly-detection", "id: index"))
    result = project.cop("build", "--site-dir", str(tmp_path / "site"))
    assert result.code == 1 and "cases/index.md" in result.err


@pytest.mark.parametrize("args", [("case", "index"), ("case", "con"), ("workshop", "nul"), ("workshop", "com1"),
                                  ("case", "lpt9")])
def test_d8_cop_new_refuses_reserved_ids_and_writes_nothing(project, args):
    before = sorted(p for p in project.root.rglob("*"))
    result = project.cop("new", *args)
    assert result.code == 2 and ("Windows reserves" in result.err or "index page" in result.err)
    assert sorted(p for p in project.root.rglob("*")) == before


def test_d8_a_session_file_with_a_windows_device_name_is_refused(project):
    project.write("workshops/demo/sessions/aux.md", project.read(SESSION))
    project.edit("workshops/demo/workshop.yaml", "  - sessions/02-exercise.md", "  - sessions/02-exercise.md\n  - sessions/aux.md")
    project.edit("workshops/demo/workshop.yaml", "minutes: 75", "minutes: 135")
    result = project.cop("check")
    assert "reserved-name" in rules_of(result)


# D12 (rows 46, 47): a trailing newline passed every pattern.

def test_d12_an_id_with_a_trailing_newline_is_refused(project):
    project.edit(GLOSSARY, "  - id: cii\n", '  - id: "cii\\n"\n')
    result = project.cop("check")
    assert rules_of(result) == ["schema"]


def test_d12_a_maintainer_with_a_newline_cannot_split_a_codeowners_line(project):
    project.edit("practices/SG/office.yaml", 'maintainers: ["@sg-examiner"]', 'maintainers: ["@sg-examiner\\n", "@evil"]')
    assert rules_of(project.cop("check")) == ["schema"]


@pytest.mark.parametrize("value", ["\\tx", "\\rx", "x\\ny", "x\\u2028y", "x\\x1b[31m"])
def test_d12_a_one_line_field_holds_no_line_break_tab_or_control_character(project, value):
    project.edit("practices/EP/program-claims.yaml", "pinpoint: G-II, 3.6", f'pinpoint: "G-II, 3.6{value}"')
    assert rules_of(project.cop("check")) == ["schema"]


# D13 (row 48): the CSV guard missed cells starting with blanks.

@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=HYPERLINK(\"https://evil.example/\")",
                                   "\r=1", " \n =1", "\uff1d1+1", "  @x"])
def test_d13_a_cell_a_spreadsheet_would_evaluate_is_written_as_text(value):
    from cop.views.downloads import csv_cell

    assert csv_cell(value).startswith("'")


@pytest.mark.parametrize("value", ["", "plain", "a = b", "E-mail", "x-1"])
def test_d13_other_cells_are_left_alone(value):
    from cop.views.downloads import csv_cell

    assert csv_cell(value) == value


def test_d13_the_downloads_neutralise_formulas_in_csv_and_write_text_cells_in_xlsx(project, tmp_path):
    import openpyxl

    project.edit("practices/EP/program-claims.yaml", "summary: Program claims are allowed",
                 'summary: "  =HYPERLINK(\\"https://evil.example/\\",\\"Open\\") Program claims are allowed')
    project.edit("practices/EP/program-claims.yaml", "effect.\n", 'effect."\n')
    site = build(project, tmp_path / "site")
    rows = list(csv.DictReader(io.StringIO((site / "downloads" / "cii-entries.csv").read_text(encoding="utf-8-sig"))))
    [row] = [r for r in rows if r["office"] == "EP" and r["topic"] == "program-claims"]
    assert row["summary"].startswith("'  =HYPERLINK")
    assert all(value == "" or not value.startswith("'") for r in rows for key, value in r.items() if r is not row)
    book = openpyxl.load_workbook(site / "downloads" / "cii-matrix.xlsx")
    cells = [c for sheet in book for line in sheet.iter_rows() for c in line if c.value is not None]
    # Every cell is text but the review dates, which are dates (a number, never a formula).
    assert cells and all(c.data_type == "s" or (c.is_date and c.parent.cell(1, c.column).value == "last_reviewed")
                         for c in cells)
    assert any(str(c.value).startswith("  =HYPERLINK") for c in cells)


# D16 (rows 52, 70): one broken file gave many problems.

def _data_files(project):
    return sorted(p.relative_to(project.root).as_posix() for p in project.root.rglob("*")
                  if p.is_file() and p.suffix in (".yaml", ".md") and not p.relative_to(project.root).as_posix().startswith("docs/"))


@pytest.mark.parametrize("how", ["not-yaml", "too-big", "wrong-schema"])
def test_d16_every_file_broken_any_way_gives_exactly_one_problem(project, how):
    pristine = {rel: project.path(rel).read_bytes() for rel in _data_files(project)}
    assert len(pristine) >= 10
    for rel in pristine:
        text = {"not-yaml": "a: [\n", "too-big": "# " + "x" * 1_000_001 + "\n",
                "wrong-schema": "unexpected: 1\n" if rel.endswith(".yaml") else "---\nunexpected: 1\n---\n"}[how]
        project.write(rel, text)
        problems = project.problems()
        assert [p.path for p in problems] == [rel], (rel, [p.text() for p in problems])
        project.write(rel, pristine[rel])
