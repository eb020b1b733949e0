"""The unsafe-markup rule: every class of markup the red team used is refused, and its near misses are not.

Each class is shown failing and with a near miss passing, on one text (cop.rules.unsafe_markup.findings)
and in the fixture knowledge base, where the problem must point at the file and line of the text.
"""

from __future__ import annotations

import sys
import time
import unicodedata

import pytest

from cop.rules import unsafe_markup
from cop.rules.unsafe_markup import findings

ENTRY = "practices/EP/program-claims.yaml"
SUMMARY = "summary: Program claims are allowed when the program has a further technical effect."
SESSION = "workshops/demo/sessions/02-exercise.md"


def kinds(text: str) -> list[str]:
    return [what for _, what, _ in findings(text)]


def refused(text: str, kind: str) -> bool:
    return any(what.startswith(kind) for what in kinds(text))


# (class, failing text, near miss that passes)
CLASSES = [
    ("raw HTML", "See <script>alert(1)</script>.", "See <https://www.epo.org> and a < b."),
    ("raw HTML", '<img src=x onerror="alert(1)">', "x <= 3 and 4 > 2"),
    ("raw HTML", "</p><iframe src=//evil.example>", "<mailto:helpdesk@example.org>"),
    ("an attribute list", "*claims*{: .x }", "the set {A, B} of claims"),
    ("an attribute list", "A paragraph {: onclick=alert(1)}", "a mapping {x: 1}"),
    ("an attribute list", "A paragraph { .warning }", "a decimal {.5}"),
    ("an attribute list", "## Heading {#anchor}", "issue #12 {see below}"),
    ("an attribute list", "text { key=value }", "where {x = 1} holds"),
    ("an attribute list", '`code`{ title="x" }', "an empty set {}"),
    ("an event-handler attribute", "onerror=alert(1)", "based on = x"),
    ("an event-handler attribute", 'x onclick="alert(1)"', "decided on appeal=yes"),
    ("an event-handler attribute", "ONLOAD = top.x()", "on = off"),
    ("a script URL", "[x](javascript:alert(1))", "JavaScript is a language."),
    ("a script URL", "[x](jav&#x09;ascript:alert(1))", "a Java script, then a colon: x"),
    ("a script URL", "[x](jav&#x61;script:alert(1))", "the entity &#x61; is a"),
    ("a script URL", "[x](&#106;avascript:alert(1))", "&#106; is j"),
    ("a script URL", "[x](java\tscript:alert(1))", "java\tscript"),
    ("a script URL", "[x](java\nscript:alert(1))", "nojavascript:x"),
    ("a script URL", "[x](javascript&colon;alert(1))", "a colon &colon; alone"),
    ("a script URL", "[r][ref]\n\n[ref]: jav&#x61;script:alert(1)", "[r][ref]\n\n[ref]: https://www.epo.org"),
    ("a script URL", "[x](vb&#x73;cript:msgbox(1))", "VBScript was a language."),
    ("a script URL", "[x](VBSCRIPT:msgbox(1))", "vb script"),
    # A gap before the colon: the colon follows whitespace, not the scheme's last letter.
    ("a script URL", "[x](javascript :alert(1))", "[x](topic:javascript)"),
    ("a script URL", "[x](livescript\t:alert(1))", "see [the office](office:EP): done"),
    ("a data: URL", "[x](DATA:text/html,x)", "see https://www.epo.org and mailto:x@example.org"),
    ("a script URL", "[x](JAVASCRIPT:alert(1))", "[x](TOPIC:javascript)"),
    ("a data: URL", "[x](data:text/html;base64,PHNjcmlwdD4=)", "Input data: a table of numbers."),
    ("a data: URL", "[x](d&#x61;ta:text/html,x)", "[data](https://example.org/data)"),
    ("a data: URL", "[x](&#100;ata:text/html,x)", "metadata:x"),
    ("a data: URL", "[r][ref]\n\n[ref]: data:text/html,x", "[ref]: the data: see above"),
    ("a data: URL", "[r][ref]\n\n[ref]: d&#97;ta:,x", "[ref]: https://e.org/data:x"),
    ("template syntax", "{{ config }}", "{ config }"),
    ("template syntax", "{% if x %}", "100 % of claims"),
    ("template syntax", "{# note #}", "# not a heading"),
    ("an invisible format character U+202E RIGHT-TO-LEFT OVERRIDE", "The claim is \u202eeligible\u202c.",
     "The claim is eligible."),
    ("an invisible format character U+2066 LEFT-TO-RIGHT ISOLATE", "a \u2066b\u2069 c", "a b c"),
    ("an invisible format character U+200F RIGHT-TO-LEFT MARK", "x\u200fy", "x y"),
    ("an invisible format character U+061C ARABIC LETTER MARK", "\u061c", "\u0627\u0644"),
    ("an invisible format character U+FEFF ZERO WIDTH NO-BREAK SPACE", "a\ufeffb", "ab"),
    ("an invisible format character U+00AD SOFT HYPHEN", "patent\u00adability", "patentability"),
    ("an invisible format character U+2060 WORD JOINER", "a\u2060b", "a b"),
    ("an invisible format character U+E0001 LANGUAGE TAG", "a\U000e0001b", "ab"),
]


@pytest.mark.parametrize("kind,failing,passing", CLASSES, ids=[f"{k[:30]}: {f[:30]!r}" for k, f, _ in CLASSES])
def test_each_class_is_refused_and_its_near_miss_is_not(kind, failing, passing):
    assert refused(failing, kind), (failing, kinds(failing))
    assert kinds(passing) == [], (passing, kinds(passing))


@pytest.mark.parametrize("text", [
    "\u1780\u17d2\u200b\u1798\u17c2\u179a",  # Khmer, with a zero-width space between words
    "\u0e20\u0e32\u0e29\u0e32\u200b\u0e44\u0e17\u0e22",  # Thai
    "\u0915\u094d\u200d\u0937",  # Devanagari with a zero-width joiner
    "\u0930\u094d\u200c\u092f",  # with a zero-width non-joiner
    "\u1019\u103c\u1014\u103a\u200b\u1019\u102c",  # Myanmar
    "\u0ea5\u0eb2\u0ea7\u200b",  # Lao
])
def test_zero_width_space_joiner_and_non_joiner_are_allowed_for_the_scripts_that_need_them(text):
    assert kinds(text) == []


def test_every_format_character_but_the_three_joiners_is_refused():
    every = [c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert [c for c in every if not any(c in plane for plane in unsafe_markup.FORMAT_PLANES)] == []
    assert [c for c in every if not list(findings(f"a{chr(c)}b"))] == [0x200B, 0x200C, 0x200D]


def test_the_format_characters_written_out_are_those_a_scan_finds_in_this_unicode_version():
    assert unsafe_markup._FORMAT_CODES == unsafe_markup.scan_format_codes()
    assert unicodedata.unidata_version in unsafe_markup._SCANNED  # else every start of cop scans again


def test_each_kind_is_reported_once_at_its_first_place():
    found = list(findings("a <b> and <i>, {{ x }} and {{ y }}"))
    assert [(offset, what) for offset, what, _ in found] == [(2, "raw HTML"), (15, "template syntax ({{ }}, {% %}, {# #})")]


def test_an_attribute_list_with_a_handler_inside_is_one_problem():
    assert kinds("![x](https://e.org/p.png){: onerror=alert(document.domain) }") == [
        "an attribute list ({: }, { .class }, {#id}, { key=value })"]


def test_every_finding_has_a_hint():
    for _, failing, _ in CLASSES:
        assert all(hint for _, _, hint in findings(failing))


def test_a_text_without_trigger_characters_is_passed_over_without_the_full_pattern(monkeypatch):
    class Untouchable:
        def finditer(self, text):
            raise AssertionError("the full pattern ran")

    monkeypatch.setattr(unsafe_markup, "_any", Untouchable)
    assert list(findings("Program claims are allowed when the program has a further technical effect.")) == []


# In the knowledge base: the problem names the file, the line and the code point

def rules_at(problems):
    return [(p.path, p.line, p.rule) for p in problems]


@pytest.mark.parametrize("value,kind", [
    ('"Program claims {: .x } are allowed."', "an attribute list"),
    ('"Program claims onerror=alert(1) are allowed."', "an event-handler attribute"),
    ('"See [this](jav&#x61;script:alert(1))."', "a script URL"),
    ('"See [this](d&#x61;ta:text/html,x)."', "a data: URL"),
    ('"Program claims are \\u202eallowed."', "an invisible format character U+202E RIGHT-TO-LEFT OVERRIDE"),
])
def test_a_summary_with_each_class_gives_one_problem_at_its_line(project, value, kind):
    project.edit(ENTRY, SUMMARY, f"summary: {value}")
    problems = project.problems()
    assert rules_at(problems) == [(ENTRY, 4, "unsafe-markup")]
    assert kind in problems[0].message and problems[0].hint


def test_a_reference_definition_in_a_session_is_reported_at_its_line(project):
    project.edit(SESSION, "Analyse the claim of the case in groups.",
                 "Analyse the claim of [the case][c] in groups.\n\n[c]: jav&#x09;ascript:alert(1)")
    problems = project.problems()
    assert rules_at(problems) == [(SESSION, 9, "unsafe-markup")]
    assert "a script URL" in problems[0].message


def test_the_message_shows_invisible_characters_by_code_point_not_as_themselves(project):
    project.edit(SESSION, "Analyse the claim", "Analyse the \u202eclaim")
    problems = project.problems()
    assert rules_at(problems) == [(SESSION, 7, "unsafe-markup")]
    message = problems[0].message
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in message and "<U+202E>claim" in message and "\u202e" not in message


@pytest.mark.parametrize("value", [
    '"Program claims (see <https://www.epo.org>) are allowed."',
    '"Program claims based on = x are allowed {A, B}."',
    '"Program claims are allowed: \\u1780\\u200b\\u1798."',
])
def test_near_misses_in_a_summary_pass_the_check(project, value):
    project.edit(ENTRY, SUMMARY, f"summary: {value}")
    assert project.problems() == []


def test_the_rule_s_own_examples_fail_and_pass_as_the_rules_page_says():
    doc = unsafe_markup.__doc__
    passing = doc.split("Passing:")[1].split("Failing:")[0].strip()
    failing = doc.split("Failing:")[1].strip()
    assert kinds(passing) == []
    assert {what.split(" (")[0] for what in kinds(failing)} == {
        "raw HTML", "a script URL", "an attribute list", "template syntax"}
