"""`cop new`: a new data file from a template, every field present and commented.

Values a contributor must supply are placeholders `<<what goes here>>`; `cop check` names
each one left unfilled (rule unfilled-placeholder) until it is replaced.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .atomic import write_text
from .model import KnowledgeBase


class Exists(Exception):
    pass


def _schema(rel_depth: int, kind: str) -> str:
    return f"# yaml-language-server: $schema={'../' * rel_depth}scripts/cop/schemas/{kind}.schema.json\n"


def office(code: str) -> str:
    return _schema(2, "office") + f"""# An office of the Community of Practice. Replace every <<...>>, then run: cop check
# WIPO ST.3 two-letter code; the folder practices/{code}/ is named after it.
code: {code}
# Full name and the short name used in tables.
name: <<full name of the office>>
short_name: <<short name, e.g. IPOS>>
# Country or region (optional: delete the line if the office is regional).
country: <<country>>
# Office groups shown as matrix filters, e.g. IP5 or ASEAN.
groups: [<<group such as ASEAN>>]
website: <<https://... the office's home page>>
# Languages of its publications, ISO 639-1 codes.
languages: [<<language code such as en>>]
# Ids in practices/sources.yaml of its examination guidelines, every edition (add them there first).
guidelines: [<<source id of the examination guidelines>>]
# Ids in practices/sources.yaml of the laws examiners apply.
laws: []
# Work-sharing: each item may give the page it comes from (url) and a note.
worksharing:
  aspec: {{participates: false}}
  wipo_case: {{participates: false}}
  global_dossier: {{participates: false}}
  pph:
    partners: []
  other: []
# Code-host handles (@user or @org/team) that review changes to this office's files.
maintainers: [<<@handle of a maintainer>>]
# The office's people who may mark its entries and case analyses reviewed (role: examiner)
# or endorsed (role: office); they need no code-host account. For example:
#   - {{name: A. Examiner, role: examiner}}
reviewers: []
"""


def practice(kb: KnowledgeBase, code: str, topic_id: str, today: dt.date) -> str:
    topic = kb.topics[topic_id]
    office_name = kb.offices[code].name if code in kb.offices else code
    positions = "\n".join(f"#   {p.id}: {p.label}: {p.meaning}" for p in topic.positions.values())
    return _schema(2, "entry") + f"""# {office_name}: {topic.title}
# The row's question: {topic.question}
# Replace every <<...>> (or delete an optional line), then run: cop check
office: {code}
topic: {topic.id}
# One of the topic's positions:
{positions}
position: <<position id from the list above>>
# One line shown in the matrix cell (at most 200 characters).
summary: <<one-line summary>>
# The practice in your own words, in Markdown; never copy sentences from the source.
# Link within the knowledge base with [text](topic:<id>), [text](office:<CODE>), [text](glossary:<id>).
detail: |
  <<two or three short paragraphs>>
# Only for position no-guidance: the general provision an examiner falls back on (else delete the line).
applies: <<general provision that applies, or delete this line>>
# At least one official source (ids from practices/sources.yaml) with its pinpoint as the source numbers it.
citations:
  - source: <<source id>>
    pinpoint: <<section, paragraph or article, e.g. G-II, 3.6>>
    # url: deep link to the section, when it differs from the source's URL
    # verified_against: URL of the official copy you checked (required for status verified)
# When the practice began to apply (optional: delete the line if unknown).
effective_since: <<YYYY-MM-DD, or delete this line>>
last_reviewed: {today.isoformat()}
# draft: written, not yet checked (say what in note) | verified: every citation checked against the official text
# reviewed / endorsed are set by the office's examiners, listed in reviewers.
status: draft
note: <<what is not yet checked against the source>>
reviewers: []
see_also: []
history:
  - date: {today.isoformat()}
    change: Entry created.
"""


def case(case_id: str, today: dt.date) -> str:
    return _schema(2, "case") + f"""# A worked case: one claim analysed office by office. Replace every <<...>>, then run: cop check
id: {case_id}
title: <<short title>>
# study or example-set (give source and case_number), or written-for-cop (pages then say the analysis is illustrative).
origin:
  kind: written-for-cop
# The claim, in your own words unless it comes from a published example.
claim: |
  <<the claim>>
# Context: the assumed prior art, the problem, the technical field.
facts: |
  <<the facts>>
topics: [<<topic id>>]
analyses:
  - office: <<office code>>
    # allowable | eligible | not-inventive | not-eligible | depends
    outcome: <<outcome>>
    summary: <<one line saying why>>
    # The steps of that office's published test, in order.
    steps:
      - test: <<name of the step>>
        finding: <<what the step finds for this claim>>
    citations:
      - source: <<source id>>
        pinpoint: <<section, paragraph or article>>
    status: draft
    note: <<what is not yet checked>>
    last_reviewed: {today.isoformat()}
"""


def test(kb: KnowledgeBase, code: str, test_id: str, today: dt.date) -> str:
    office_name = kb.offices[code].name if code in kb.offices else code
    return _schema(3, "test") + f"""# {office_name}: a test as ordered questions, drawn as a diagram on the office's page.
# Replace every <<...>> (rename the question ids as you like), then run: cop check
id: {test_id}
office: {code}
# eligibility (is it an invention) | inventive-step (how features that are not technical count)
stage: eligibility
title: <<the test's name, e.g. Is it an invention?>>
summary: <<one line saying what the test decides and how>>
# true only where the office's guidance does not set out the steps and they are read from the law:
# every page then says the diagram is illustrative. Delete the line otherwise.
illustrative: false
# The first question is where the test starts. Each answer leads to the next question (next:, its id)
# or ends the test (outcome: allowable | eligible | not-inventive | not-eligible | depends, and, if you
# like, conclusion: in the office's words). Every question cites where the office says it.
nodes:
  - id: first-question
    question: <<the first question, answered yes or no>>
    # What the examiner looks at, in your own words (Markdown; optional).
    detail: |
      <<one or two sentences>>
    answers:
      - answer: "Yes"
        next: second-question
      - answer: "No"
        outcome: not-eligible
        conclusion: <<the conclusion in the office words>>
    citations:
      - source: <<source id>>
        pinpoint: <<section, paragraph or article>>
    # Topics that explain this question (the diagram links to the first), and cases that illustrate it.
    topics: []
    cases: []
  - id: second-question
    question: <<the next question>>
    answers:
      - answer: "Yes"
        outcome: eligible
      - answer: "No"
        outcome: not-eligible
    citations:
      - source: <<source id>>
        pinpoint: <<section, paragraph or article>>
last_reviewed: {today.isoformat()}
status: draft
note: <<what is not yet checked against the source>>
reviewers: []
history:
  - date: {today.isoformat()}
    change: Test written.
"""


def workshop(workshop_id: str) -> str:
    return _schema(3, "workshop") + f"""# A workshop. Replace every <<...>>, then run: cop check
id: {workshop_id}
title: <<title>>
format: <<e.g. one-day Community of Practice workshop>>
# The real event the design is modelled on, said plainly (or delete the line).
modelled_on: <<event, or delete this line>>
venue: <<venue>>
audience: <<who it is for>>
objectives:
  - <<what participants can do afterwards>>
facilitators: []
# Start time and the agenda's length; session minutes must add up to it.
start: "09:00"
minutes: 30
sessions:
  - sessions/01-opening.md
"""


def session() -> str:
    return """---
title: <<session title>>
minutes: 30
# talk | exercise | discussion | break
kind: talk
objectives:
  - <<objective>>
# The questions the session answers (in an exercise: what participants answer about its cases).
questions:
  - <<question>>
# The points it makes, a line each; a line may link: [COMVIK](glossary:comvik-approach).
keypoints:
  - <<key point>>
cases: []
topics: []
# Offices' tests shown as diagrams with the session (handout and slides), e.g. [EP/eligibility].
tests: []
---
<<participant text in Markdown>>

::: facilitator
<<notes only facilitators see>>
:::
"""


def create(root: Path, kind: str, args: tuple[str, ...], kb: KnowledgeBase, today: dt.date) -> list[Path]:
    """Writes the new file(s) and returns their paths; refuses to overwrite."""
    if kind == "office":
        (code,) = args
        files = {root / "practices" / code / "office.yaml": office(code)}
    elif kind == "practice":
        code, topic_id = args
        files = {root / "practices" / code / f"{topic_id}.yaml": practice(kb, code, topic_id, today)}
    elif kind == "test":
        code, test_id = args
        files = {root / "practices" / code / "tests" / f"{test_id}.yaml": test(kb, code, test_id, today)}
    elif kind == "case":
        (case_id,) = args
        files = {root / "practices" / "cases" / f"{case_id}.yaml": case(case_id, today)}
    else:
        (workshop_id,) = args
        base = root / "workshops" / workshop_id
        files = {base / "workshop.yaml": workshop(workshop_id), base / "sessions" / "01-opening.md": session()}
    existing = [p for p in files if p.exists()]
    if existing:
        raise Exists(", ".join(str(p.relative_to(root)) for p in existing))
    for path, text in files.items():
        write_text(path, text)
    return list(files)
