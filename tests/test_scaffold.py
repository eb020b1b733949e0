"""`cop new`: templates a contributor fills in, and `cop check` naming every blank left."""

from __future__ import annotations

import json
import re

import pytest

from conftest import REPO

PLACEHOLDER = re.compile(r"<<([^<>\n]*)>>")

# What a contributor would type for each placeholder (delete-able ones are deleted).
FILL = {
    "full name of the office": "Intellectual Property Corporation of Malaysia",
    "short name, e.g. IPOS": "MyIPO",
    "country": "Malaysia",
    "group such as ASEAN": "ASEAN",
    "https://... the office's home page": "https://www.myipo.gov.my",
    "language code such as en": "ms",
    "source id of the examination guidelines": "sg-ipos-guidelines",
    "@handle of a maintainer": "'@my-examiner'",
    "position id from the list above": "partly",
    "one-line summary": "Accepted when the claim recites a technical means.",
    "two or three short paragraphs": "The office applies its general test.",
    "source id": "ep-guidelines-2025",
    "section, paragraph or article, e.g. G-II, 3.6": "G-II, 3.6",
    "section, paragraph or article": "G-II, 3.6",
    "what is not yet checked against the source": "The pinpoint is not yet checked.",
    "what is not yet checked": "Illustrative; not checked.",
    "short title": "Icons by frequency of use",
    "the claim": "A method of arranging icons on a screen by how often they are used.",
    "the facts": "No prior art is assumed.",
    "topic id": "program-claims",
    "office code": "EP",
    "outcome": "depends",
    "one line saying why": "Turns on the technical effect shown.",
    "name of the step": "Technical character",
    "what the step finds for this claim": "The claim uses a computer.",
    "title": "A clinic",
    "e.g. one-day Community of Practice workshop": "half-day clinic",
    "venue": "Training room",
    "who it is for": "patent examiners",
    "what participants can do afterwards": "Compare program claims across offices",
    "session title": "Opening",
    "objective": "Know the plan",
    "question": "What is the plan?",
    "key point": "The plan fits one day",
    "participant text in Markdown": "Welcome.",
    "notes only facilitators see": "Start on time.",
}
DELETE = ("or delete this line",)


def fill(path):
    lines = []
    for line in path.read_text().splitlines():
        if any(d in line for d in DELETE):
            continue
        if line.lstrip().startswith("#"):
            lines.append(line)
            continue
        lines.append(PLACEHOLDER.sub(lambda m: FILL[m.group(1)], line))
    path.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("kind,args,written", [
    ("office", ["MY"], ["practices/MY/office.yaml"]),
    ("practice", ["EP", "program-claims"], ["practices/EP/program-claims.yaml"]),
    ("case", ["gui-icons"], ["practices/cases/gui-icons.yaml"]),
    ("workshop", ["clinic"], ["workshops/clinic/workshop.yaml", "workshops/clinic/sessions/01-opening.md"]),
])
def test_a_template_names_its_blanks_and_passes_once_they_are_filled(project, kind, args, written):
    if kind == "practice":
        project.path(written[0]).unlink()
    result = project.cop("new", kind, *args)
    assert result.code == 0, result.err
    check = project.cop("check")
    assert check.code == 1
    blanks = [line for line in check.lines if ": unfilled-placeholder: " in line]
    values = [line for line in project.read(written[0]).splitlines() if not line.lstrip().startswith("#")]
    assert len(blanks) == len(PLACEHOLDER.findall("\n".join(values))) > 0
    assert all(line.startswith(written[0]) or line.startswith(written[-1]) for line in blanks)
    for rel in written:
        fill(project.path(rel))
    if kind == "office":  # an office is complete once it has an entry for every topic, and reviewers
        project.write("cop.yaml", "stale_after_days: 365\nrules:\n  coverage: warning\n")
        assert project.cop("codeowners").code == 0
    assert [l for l in project.cop("check", today=None).lines if ": warning: " not in l] == []


def test_the_practice_template_has_every_field_of_an_entry(project):
    project.path("practices/EP/program-claims.yaml").unlink()
    project.cop("new", "practice", "EP", "program-claims")
    text = project.read("practices/EP/program-claims.yaml")
    schema = json.loads((REPO / "scripts/cop/schemas/entry.schema.json").read_text())
    present = set(re.findall(r"^([a-z_]+):", text, re.M))
    assert present == set(schema["properties"])
    assert "#   partly: Partly: accepted under conditions" in text  # the topic's positions, explained


def test_an_unfilled_placeholder_is_reported_by_name(project):
    project.edit("practices/EP/program-claims.yaml", "summary: Program claims are allowed when the program has a further technical effect.",
                 "summary: <<one-line summary>>")
    [line] = project.cop("check").lines
    assert line.startswith("practices/EP/program-claims.yaml:4:10: unfilled-placeholder: summary is still the placeholder <<one-line summary>>")


def test_new_never_overwrites_and_suggests_the_nearest_topic(project):
    before = project.read("practices/EP/program-claims.yaml")
    result = project.cop("new", "practice", "EP", "program-claims")
    assert result.code == 2 and "not overwriting practices/EP/program-claims.yaml" in result.err
    assert project.read("practices/EP/program-claims.yaml") == before
    result = project.cop("new", "practice", "EP", "program-claim")
    assert result.code == 2 and "did you mean 'program-claims'?" in result.err
