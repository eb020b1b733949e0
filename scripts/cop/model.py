"""The knowledge model: plain dataclasses, no I/O and no site engine.

Every object keeps a `loc` (its file and the path of its data inside it) so that
a rule can point at the exact line of any field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .document import Document
from .problems import Problem

# The review-status ladder. The project's own editors may set only the first two;
# `reviewed` belongs to an examiner of the office, `endorsed` to the office itself.
STATUSES = ("draft", "verified", "reviewed", "endorsed")
PROJECT_STATUSES = ("draft", "verified")
# The office's own statuses, and the reviewer role (in the office's office.yaml) that may set each.
ROLE_OF_STATUS = {"reviewed": "examiner", "endorsed": "office"}
NO_GUIDANCE = "no-guidance"


class Loc:
    """A place in a document: the document and the path of a value inside it. Never changed once made.

    A class with slots rather than a frozen dataclass: a check of 10,000 entries makes some
    100,000 of these, and a frozen dataclass takes twice as long to make each.
    """

    __slots__ = ("doc", "base")

    def __init__(self, doc: Document, base: tuple = ()):
        self.doc = doc
        self.base = base

    def __eq__(self, other) -> bool:
        if other.__class__ is not Loc:
            return NotImplemented
        return self.base == other.base and self.doc == other.doc

    def __repr__(self) -> str:
        return f"Loc({self.doc.path!r}, {self.base!r})"

    @property
    def path(self) -> str:
        return self.doc.path

    def at(self, *sub) -> tuple[int, int]:
        return self.doc.where(self.base + sub)

    def problem(self, rule: str, message: str, *sub, key: bool = False, **kw) -> Problem:
        return self.doc.problem(self.base + sub, rule, message, key=key, **kw)

    def child(self, *sub) -> "Loc":
        return Loc(self.doc, self.base + sub)


def date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@dataclass
class Position:
    id: str
    label: str
    meaning: str
    colour: str


@dataclass
class Topic:
    id: str
    area: str
    order: int
    title: str
    question: str
    positions: dict[str, Position]
    scope: str | None = None
    related: list[str] = field(default_factory=list)
    position_set: str | None = None  # the shared set named, if any
    loc: Loc | None = None


@dataclass
class Source:
    id: str
    title: str
    publisher: str
    kind: str
    edition: str
    url: str
    official: bool
    current: bool
    date: dt.date | None = None
    series: str | None = None
    superseded_by: str | None = None
    note: str | None = None
    loc: Loc | None = None


@dataclass
class Citation:
    source: str
    pinpoint: str
    url: str | None = None
    verified_against: str | None = None
    checked_in: str | None = None  # "reproduction" or "revision X": the text read was not the current official copy
    note: str | None = None
    loc: Loc | None = None


@dataclass
class Reviewer:
    name: str
    role: str
    date: dt.date
    office: str | None = None


@dataclass
class Authorised:
    """Someone an office lists in its office.yaml as entitled to review or endorse for it."""

    name: str
    role: str  # "examiner" may review, "office" may endorse


@dataclass
class Change:
    date: dt.date
    change: str
    source: str | None = None
    loc: Loc | None = None


@dataclass
class Participation:
    participates: bool
    role: str | None = None
    since: int | None = None
    url: str | None = None
    note: str | None = None


@dataclass
class Office:
    code: str
    name: str
    short_name: str
    groups: list[str]
    website: str
    guidelines: list[str]
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    laws: list[str] = field(default_factory=list)
    aspec: Participation | None = None
    wipo_case: Participation | None = None
    global_dossier: Participation | None = None
    pph_partners: list[str] = field(default_factory=list)
    pph_url: str | None = None
    other_worksharing: list[dict[str, str]] = field(default_factory=list)
    maintainers: list[str] = field(default_factory=list)
    reviewers: list[Authorised] = field(default_factory=list)
    note: str | None = None
    history: list[Change] = field(default_factory=list)
    loc: Loc | None = None

    def authorises(self, name: str, role: str) -> bool:
        """Whether the office lists `name` (spacing and case aside) in `role`."""
        wanted = " ".join(name.casefold().split())
        return any(a.role == role and " ".join(a.name.casefold().split()) == wanted for a in self.reviewers)


@dataclass
class Entry:
    """One office's practice on one topic: a cell of the matrix."""

    office: str
    topic: str
    position: str
    summary: str
    last_reviewed: dt.date
    status: str
    detail: str | None = None
    applies: str | None = None
    citations: list[Citation] = field(default_factory=list)
    effective_since: dt.date | None = None
    reviewers: list[Reviewer] = field(default_factory=list)
    note: str | None = None
    see_also: list[str] = field(default_factory=list)
    history: list[Change] = field(default_factory=list)
    loc: Loc | None = None


@dataclass
class Step:
    test: str
    finding: str


@dataclass
class Analysis:
    office: str
    outcome: str
    summary: str
    steps: list[Step]
    status: str
    last_reviewed: dt.date
    citations: list[Citation] = field(default_factory=list)
    note: str | None = None
    reviewers: list[Reviewer] = field(default_factory=list)
    history: list[Change] = field(default_factory=list)
    walks: dict[str, list[str]] = field(default_factory=dict)  # test id -> the questions passed, in order
    loc: Loc | None = None


@dataclass
class Answer:
    """One answer to a test's question: it leads to the next question or concludes."""

    answer: str
    next: str | None = None
    outcome: str | None = None
    conclusion: str | None = None
    loc: Loc | None = None


@dataclass
class Question:
    """A node of an office's test."""

    id: str
    question: str
    answers: list[Answer]
    detail: str | None = None
    citations: list[Citation] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    loc: Loc | None = None


@dataclass
class OfficeTest:
    """An office's test (eligibility, or inventive step for mixed features) as ordered questions;
    the first question is where it starts."""

    id: str
    office: str
    stage: str
    title: str
    summary: str
    nodes: list[Question]
    status: str
    last_reviewed: dt.date
    illustrative: bool = False
    note: str | None = None
    reviewers: list[Reviewer] = field(default_factory=list)
    history: list[Change] = field(default_factory=list)
    loc: Loc | None = None

    @property
    def key(self) -> str:
        """How sessions, macros and pages name it: OFFICE/id."""
        return f"{self.office}/{self.id}"

    @property
    def citations(self) -> list[Citation]:
        """Every question's citations, for the rules that look at what a status rests on."""
        return [c for node in self.nodes for c in node.citations]

    def node(self, node_id: str) -> Question | None:
        return next((n for n in self.nodes if n.id == node_id), None)


@dataclass
class Case:
    id: str
    title: str
    origin_kind: str
    claim: str
    topics: list[str]
    analyses: list[Analysis]
    origin_source: str | None = None
    case_number: str | None = None
    origin_note: str | None = None
    facts: str | None = None
    loc: Loc | None = None

    @property
    def illustrative(self) -> bool:
        return self.origin_kind == "written-for-cop"


@dataclass
class TermName:
    """The word an office's own law or guidance uses for a term, in its language."""

    office: str
    language: str
    name: str
    citation: Citation | None = None


@dataclass
class Term:
    id: str
    term: str
    definition: str
    abbreviation: str | None = None
    aliases: list[str] = field(default_factory=list)
    offices: list[str] = field(default_factory=list)
    names: list[TermName] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    loc: Loc | None = None


@dataclass
class Session:
    path: str  # relative to the workshop folder, as listed in workshop.yaml
    title: str
    minutes: int
    kind: str
    body: str  # Markdown, facilitator blocks included
    objectives: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)  # an exercise's: what participants answer
    keypoints: list[str] = field(default_factory=list)  # Markdown lines, knowledge-base links allowed
    cases: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    tests: list[str] = field(default_factory=list)  # OFFICE/test-id: diagrams shown with the session
    body_line: int = 1  # line of the body's first line in the file
    loc: Loc | None = None


@dataclass
class Workshop:
    id: str
    title: str
    audience: str
    objectives: list[str]
    start: str
    minutes: int
    session_paths: list[str]
    sessions: list[Session] = field(default_factory=list)
    format: str | None = None
    modelled_on: str | None = None
    dates: dict[str, dt.date] = field(default_factory=dict)
    venue: str | None = None
    facilitators: list[str] = field(default_factory=list)
    note: str | None = None
    loc: Loc | None = None


@dataclass
class Release:
    """A data release: the knowledge base frozen in releases/<version>.json on its date."""

    version: str
    date: dt.date
    sha256: str
    note: str | None = None
    loc: Loc | None = None


@dataclass
class Config:
    stale_after_days: int = 730
    repository: str | None = None
    branch: str = "main"
    maintainers: list[str] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)


@dataclass
class KnowledgeBase:
    """Everything under practices/ and workshops/ that read cleanly, as objects.

    What the loader found besides (every file, the broken ones, the documents) is kept beside
    it, in cop.inventory.Inventory.
    """

    config: Config = field(default_factory=Config)
    offices: dict[str, Office] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    position_sets: dict[str, dict[str, Position]] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    workshops: dict[str, Workshop] = field(default_factory=dict)
    tests: dict[str, OfficeTest] = field(default_factory=dict)  # by key, OFFICE/id, the office being the folder
    releases: list[Release] = field(default_factory=list)  # oldest first
    areas: dict[str, str] = field(default_factory=dict)

    def offices_in_order(self) -> list[Office]:
        return [self.offices[c] for c in sorted(self.offices)]

    def tests_of(self, code: str) -> list[OfficeTest]:
        """An office's tests, eligibility first."""
        found = [t for key, t in self.tests.items() if key.split("/")[0] == code]
        return sorted(found, key=lambda t: (t.stage != "eligibility", t.id))

    def walked_tests(self, analysis: Analysis) -> list[tuple[str, OfficeTest, list[str]]]:
        """The office's tests an analysis walks through (those that exist): the id the analysis
        names, the test, and the questions it passes, in order."""
        found = ((test_id, self.tests.get(f"{analysis.office}/{test_id}"), walk) for test_id, walk in analysis.walks.items())
        return [(test_id, test, walk) for test_id, test, walk in found if test is not None]

    def topics_in_order(self) -> list[Topic]:
        return sorted(self.topics.values(), key=lambda t: (t.order, t.id))
