"""Each rule, shown on a bad fixture: one change to the clean fixture gives exactly one problem,
from that rule, in that file, at the line and column of the offending value; and shown on a
near miss: a change that looks close to a failure but is fine gives no problem at all."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import GOOD
from cop.rules import all_rules
from cop.yamldoc import MAX_BYTES

EP_PROG = "practices/EP/program-claims.yaml"
EP_ELIG = "practices/EP/eligibility-framework.yaml"
SG_ELIG = "practices/SG/eligibility-framework.yaml"
SG_PROG = "practices/SG/program-claims.yaml"
SG_OFFICE = "practices/SG/office.yaml"
SOURCES = "practices/sources.yaml"
TOPICS = "practices/topics.yaml"
GLOSSARY = "practices/glossary.yaml"
CASE = "practices/cases/ai-anomaly-detection.yaml"
WORKSHOP = "workshops/demo/workshop.yaml"
SESSION = "workshops/demo/sessions/01-opening.md"
EXERCISE = "workshops/demo/sessions/02-exercise.md"
EP_TEST = "practices/EP/tests/eligibility.yaml"
RELEASES = "practices/releases.yaml"
FROZEN = "releases/2026.05.json"
CODEOWNERS = ".github/CODEOWNERS"


@dataclass(frozen=True)
class Symlink:
    """The file becomes a symbolic link to `target`."""

    target: str


REMOVED = None  # as `new`: the file is deleted


@dataclass
class Bad:
    rule: str
    file: str
    old: str | bytes
    new: str | bytes | Symlink | None  # for a file the fixture lacks (old ""), its content; or REMOVED, or a Symlink
    at: str | None  # text around the expected place (its first match in the file), "^" at the line and column;
    # None for a problem with the whole file, reported at 1:1
    reported_in: str | None = None  # when the problem is reported in another file
    name: str = ""
    copy_of: str | None = None  # the file is new: a copy of this one, then changed

    def __str__(self):
        return self.name or self.rule


@dataclass
class Good:
    rule: str  # the rule this change comes close to breaking
    file: str
    old: str | bytes
    new: str | bytes | Symlink | None
    name: str
    copy_of: str | None = None
    also: tuple[tuple[str, str, str], ...] = ()  # further (file, old, new) changes that belong with it

    def __str__(self):
        return self.name


def _padded(rel: str, size: int) -> str:
    """The line `status: draft` with a comment after it that makes `rel` exactly `size` bytes."""
    # A comment is no value: no other rule reads it, so only the size can matter.
    grow = size - len((GOOD / rel).read_bytes()) - len("\n# ")
    return "status: draft\n# " + "x" * grow


CASES = [
    # The parser stops where the list should have been closed: at the next key.
    Bad("yaml-syntax", EP_PROG, "position: \"yes\"", "position: [\"yes\"", "^summary:", name="unclosed-bracket"),
    Bad("yaml-syntax", EP_PROG, "summary: Program", "summary:\n\t Program", "^\t Program", name="tab-indent"),
    Bad("duplicate-key", EP_PROG, "status: draft", "status: draft\nstatus: verified", "^status: verified"),
    Bad("duplicate-key", EP_PROG, "    pinpoint: G-II, 3.6", "    pinpoint: G-II, 3.6\n    pinpoint: G-II, 3.7",
        "^pinpoint: G-II, 3.7", name="repeated-in-a-citation"),
    Bad("yaml-tag", EP_PROG, "last_reviewed: 2026-05-01", "last_reviewed: !!python/object/apply:os.system [\"true\"]",
        "last_reviewed: ^!!python"),
    Bad("yaml-tag", EP_PROG, "status: draft", "<<: {status: draft}", "^<<:", name="merge-key"),
    Bad("yaml-alias", EP_PROG, "status: draft", "status: &s draft\nnote2: *s", "status: ^&s"),
    # An alias is reported where the value it repeats is anchored.
    Bad("yaml-alias", EP_ELIG, "see_also: [program-claims]", "see_also: [&p program-claims, *p]", "see_also: [^&p",
        name="alias-in-a-list"),
    # An anchor nothing uses yet is refused too: the rule says "no anchors", not "no aliases used".
    Bad("yaml-alias", EP_ELIG, "see_also: [program-claims]", "see_also: &t [program-claims]", "see_also: ^&t",
        name="anchor-without-alias"),
    Bad("schema", EP_PROG, "status: draft", "status: 3", "status: ^3", name="wrong-type"),
    Bad("schema", EP_PROG, "status: draft", "status: draft\nreviewd_by: someone", "^reviewd_by", name="unknown-field"),
    Bad("schema", EP_PROG, "last_reviewed: 2026-05-01", "last_reviewed: 2025-02-30", "last_reviewed: ^2025-02-30",
        name="impossible-date"),
    Bad("schema", EP_PROG, 'position: "yes"', "position: yes", "position: ^yes", name="unquoted-yes"),
    # A missing field has no place of its own: the mapping that lacks it, at the start of the file.
    Bad("schema", EP_PROG, "summary: Program claims are allowed when the program has a further technical effect.\n", "",
        None, name="missing-field"),
    Bad("unknown-office", EP_PROG, "office: EP", "office: EQ", "office: ^EQ"),
    Bad("unknown-office", CASE, "  - office: SG", "  - office: MY", "office: ^MY", name="case-analysis-office"),
    Bad("unknown-topic", EP_PROG, "topic: program-claims", "topic: program-claimz", "topic: ^program-claimz"),
    Bad("unknown-topic", EP_ELIG, "see_also: [program-claims]", "see_also: [program-claim]", "see_also: [^program-claim]",
        name="see-also"),
    Bad("unknown-source", EP_PROG, "source: ep-guidelines-2025", "source: ep-guidelines-2052",
        "source: ^ep-guidelines-2052"),
    Bad("unknown-source", GLOSSARY, "sources: [ep-guidelines-2025]", "sources: [ep-guidelines-2025, ep-guidelines-2052]",
        "sources: [ep-guidelines-2025, ^ep-guidelines-2052]", name="glossary-term-source"),
    Bad("unknown-case", EXERCISE, "cases: [ai-anomaly-detection]", "cases: [ai-anomally-detection]",
        "cases: [^ai-anomally-detection]"),
    Bad("unknown-case", SESSION, "topics: [eligibility-framework]",
        "topics: [eligibility-framework]\ncases: [ai-anomaly-detection, ai-anomaly-detection-2]",
        "cases: [ai-anomaly-detection, ^ai-anomaly-detection-2]", name="second-case-of-two"),
    Bad("unknown-position", EP_PROG, 'position: "yes"', "position: maybe", "position: ^maybe"),
    Bad("unknown-position", TOPICS, "positions: yes-partly-no", "positions: yes-partly-maybe",
        "positions: ^yes-partly-maybe", name="undefined-position-set"),
    Bad("folder-matches-office", SG_PROG, "office: SG", "office: EP", "office: ^EP"),
    Bad("folder-matches-office", SG_OFFICE, "code: SG", "code: EP", "code: ^EP", name="office-code"),
    Bad("file-name-matches-id", CASE, "id: ai-anomaly-detection", "id: anomaly-detection", "id: ^anomaly-detection"),
    Bad("file-name-matches-id", WORKSHOP, "id: demo", "id: demo-day", "id: ^demo-day", name="workshop-folder"),
    Bad("duplicate-id", SOURCES, "  - id: law-firm-article",
        "  - id: sg-patents-act\n    title: Again\n    publisher: IPOS\n    kind: law\n    edition: x\n"
        "    url: https://sso.agc.gov.sg\n    official: true\n    current: true\n  - id: law-firm-article",
        "id: ^sg-patents-act\n    title: Again"),
    Bad("duplicate-id", TOPICS, "meaning: nothing published beyond the statute, colour: grey}",
        "meaning: nothing published beyond the statute, colour: grey}\n"
        "      - {id: actual-contribution, label: Again, meaning: again, colour: red}",
        "{id: ^actual-contribution, label: Again", name="position-twice-in-a-topic"),
    Bad("duplicate-source", SOURCES, "  - id: law-firm-article",
        "  - id: sg-patents-act-again\n    title: Again\n    publisher: AGC\n    kind: law\n    edition: 2020 Revised Edition\n"
        "    url: https://sso.agc.gov.sg/Act/PA1994/\n    official: true\n    current: true\n  - id: law-firm-article",
        "id: ^sg-patents-act-again"),
    Bad("duplicate-source", SOURCES, "    official: false\n    current: true\n",
        "    official: false\n    current: true\n  - id: law-firm-commentary\n    title: Commentary\n"
        "    publisher: A law firm\n    kind: study\n    edition: \"2025\"\n    url: https://EXAMPLE.org/Commentary\n"
        "    official: false\n    current: true\n",
        "id: ^law-firm-commentary", name="same-document-in-other-letter-case"),
    Bad("coverage", SG_PROG, "", REMOVED, "code: ^SG", reported_in=SG_OFFICE, name="missing-entry"),
    Bad("coverage", "practices/MY/office.yaml", "",
        "code: MY\nname: Intellectual Property Corporation of Malaysia\nshort_name: MyIPO\ngroups: [ASEAN]\n"
        "website: https://www.myipo.gov.my\nguidelines: [sg-ipos-guidelines]\n", "code: ^MY",
        name="new-office-without-entries"),
    # No citations field: the entry's mapping, at the start of the file, is what lacks one.
    Bad("citation-required", EP_PROG, "citations:\n  - source: ep-guidelines-2025\n    pinpoint: G-II, 3.6\n", "", None),
    Bad("citation-required", SG_ELIG, "  - source: sg-ipos-guidelines\n    pinpoint: Ch. 8, paras 8.1-8.4\n", "",
        "^citations:", name="only-unofficial"),
    Bad("superseded-edition", EP_PROG, "source: ep-guidelines-2025", "source: ep-guidelines-2024",
        "source: ^ep-guidelines-2024"),
    Bad("superseded-edition", CASE, "source: ep-guidelines-2025", "source: ep-guidelines-2024",
        "source: ^ep-guidelines-2024", name="in-a-case-analysis"),
    Bad("edition-series", SOURCES, "    current: false\n    series: ep-guidelines\n    superseded_by: ep-guidelines-2025",
        "    current: true\n    series: ep-guidelines",
        "current: ^true\n    series: ep-guidelines\n  - id: sg-ipos-guidelines"),
    Bad("edition-series", SOURCES, "superseded_by: ep-guidelines-2025", "superseded_by: sg-ipos-guidelines",
        "superseded_by: ^sg-ipos-guidelines", name="superseded-by-another-series"),
    Bad("stale-review", EP_PROG, "last_reviewed: 2026-05-01", "last_reviewed: 2024-01-01", "last_reviewed: ^2024-01-01"),
    # cop.yaml's threshold is 365 days and the tests' today 2026-06-01.
    Bad("stale-review", CASE, "last_reviewed: 2026-05-01", "last_reviewed: 2025-05-31", "last_reviewed: ^2025-05-31",
        name="one-day-past-the-threshold"),
    Bad("date-sanity", EP_PROG, "last_reviewed: 2026-05-01", "last_reviewed: 2027-01-01", "last_reviewed: ^2027-01-01",
        name="future-review"),
    Bad("date-sanity", EP_ELIG, "effective_since: 2025-04-01", "effective_since: 2026-05-02",
        "effective_since: ^2026-05-02", name="effective-after-review"),
    # unsafe-markup and internal-link point at the construct inside the text: in a block scalar, a
    # quoted string and a session's line alike.
    Bad("unsafe-markup", EP_PROG, "summary: Program claims", "summary: <script>alert(1)</script> Program claims",
        "summary: ^<script>", name="script"),
    Bad("unsafe-markup", EP_ELIG, "[program claims](topic:program-claims)", "[program claims](javascript:alert(1))",
        "](^javascript:alert(1))", name="javascript-url"),
    Bad("unsafe-markup", EP_PROG, "summary: Program claims are allowed when the program has a further technical effect.",
        "summary: \"{{ config.secret }}\"", "summary: \"^{{", name="jinja"),
    # Written with escapes, the construct is not in the file as it reads: the text's start is the place.
    Bad("unsafe-markup", EP_PROG, "summary: Program claims are allowed when the program has a further technical effect.",
        "summary: \"See \\u003cscript>alert(1)\\u003c/script>\"", "summary: ^\"See", name="escaped-script"),
    Bad("unsafe-markup", SESSION, "Welcome and", "[x](https://www.epo.org){: onclick=\"alert(1)\"} Welcome and",
        "https://www.epo.org)^{: onclick", name="event-handler-in-session"),
    Bad("internal-link", EP_ELIG, "(topic:program-claims)", "(topic:program-claimz)", "(^topic:program-claimz)"),
    Bad("internal-link", EP_ELIG, "(topic:program-claims)", "(../SG/program-claims.yaml)", "(^../SG/program-claims.yaml)",
        name="relative-file"),
    Bad("glossary-term", GLOSSARY, "see_also: [technical-character]", "see_also: [technical-charakter]",
        "see_also: [^technical-charakter]"),
    Bad("glossary-term", GLOSSARY, "    term: Technical character\n", "    term: Technical character\n    abbreviation: cii\n",
        "abbreviation: ^cii", name="abbreviation-shared-in-other-letter-case"),
    # A citation without verified_against is reported at its pinpoint, the value it vouches for.
    Bad("review-status", EP_ELIG, "    verified_against: https://www.epo.org/en/legal/guidelines-epc/2025/g_ii_1.html\n", "",
        "pinpoint: ^G-II, 1", name="verified-without-evidence"),
    Bad("review-status", SG_ELIG, "role: examiner", "role: editor", "status: ^reviewed", name="reviewed-by-non-examiner"),
    Bad("review-status", SG_ELIG, "office: SG, role", "office: EP, role", "status: ^reviewed",
        name="reviewed-by-other-office"),
    Bad("review-status", EP_PROG, "note: Pinpoint not yet checked against the 2025 text.\n", "", "status: ^draft",
        name="draft-without-note"),
    Bad("no-guidance", SG_PROG, "applies: Patents Act s. 13(1)\n", "", "position: ^no-guidance"),
    Bad("no-guidance", EP_PROG, 'position: "yes"', "position: no-guidance", "position: ^no-guidance",
        name="turned-no-guidance-without-applies"),
    Bad("workshop-session", WORKSHOP, "  - sessions/02-exercise.md", "  - sessions/02-exercise.md\n  - sessions/03-missing.md",
        "- ^sessions/03-missing.md", name="missing-file"),
    Bad("workshop-session", "workshops/demo/sessions/03-closing.md", "", "", None, name="unlisted-file", copy_of=SESSION),
    Bad("session-block", SESSION, "Start on time.\n:::", "Start on time.", "^::: facilitator", name="unclosed-block"),
    Bad("answer-key-leak", EXERCISE, "Analyse the claim of the case in groups.",
        "Analyse the claim of the case in groups.\n\n## Answer\nIt is eligible.", "^## Answer", name="answer-heading"),
    # A repeated answer is reported at the start of the line that holds it.
    Bad("answer-key-leak", EXERCISE, "Analyse the claim of the case in groups.",
        "Hint: a technical purpose (fault detection in a machine) gives the model technical character.",
        "^Hint:", name="repeats-a-finding"),
    Bad("session-block", SESSION, "::: facilitator", "::: Facilitator", "^::: Facilitator", name="capitalised-opener"),
    Bad("session-block", SESSION, "Start on time.\n", "Start on time.\n::: answer\nNested.\n:::\n", "^::: answer",
        name="nested-block"),
    Bad("session-block", SESSION, "Welcome and", ":::\nWelcome and", "^:::\nWelcome", name="stray-closer"),
    Bad("rule-config", "cop.yaml", "stale_after_days: 365", "stale_after_days: 365\nrules:\n  stale-reveiw: off",
        "^stale-reveiw", name="misspelt-rule"),
    Bad("rule-config", "cop.yaml", "stale_after_days: 365", "stale_after_days: 365\nrules:\n  review-status: warning",
        "^review-status: warning", name="locked-rule"),
    Bad("reserved-name", "practices/cases/index.yaml", "id: ai-anomaly-detection", "id: index", "id: ^index",
        name="case-called-index", copy_of=CASE),
    Bad("reserved-name", "practices/cases/con.yaml", "id: ai-anomaly-detection", "id: con", "id: ^con",
        name="case-called-con", copy_of=CASE),
    Bad("review-status", SG_OFFICE, "{name: A. Examiner, role: examiner}",
        "{name: B. Examiner, role: examiner}", "status: ^reviewed", reported_in=SG_ELIG,
        name="reviewer-not-listed-by-the-office"),
    Bad("symlink", "docs/env.txt", "", Symlink("/proc/self/environ"), None, name="symlink-in-docs"),
    Bad("symlink", "practices/EP/games.yaml", "", Symlink("program-claims.yaml"), None,
        name="data-file-linked-inside-the-project"),
    Bad("paragraph-length", SESSION, "Welcome and", "word " * 4100 + "\nWelcome and", "^word word"),
    Bad("paragraph-length", SESSION, "Welcome and", "A line of the paragraph.\n" * 900 + "Welcome and",
        "^A line of the paragraph.", name="many-short-lines"),
    Bad("workshop-minutes", WORKSHOP, "minutes: 75", "minutes: 80", "minutes: ^80"),
    Bad("workshop-minutes", SESSION, "minutes: 15", "minutes: 20", "minutes: ^75", reported_in=WORKSHOP,
        name="a-session-lengthened"),
    Bad("workshop-path", WORKSHOP, "  - sessions/02-exercise.md", "  - sessions/02-exercise.md\n  - ../../practices/x.md",
        "- ^../../"),
    Bad("workshop-path", WORKSHOP, "  - sessions/02-exercise.md", "  - sessions/02-exercise.md\n  - /etc/passwd.md",
        "- ^/etc/passwd.md", name="absolute-path"),
    Bad("unfilled-placeholder", EP_PROG, "status: draft", "status: <<draft or verified>>", "status: ^<<draft"),
    Bad("unfilled-placeholder", SESSION, "Welcome and", "Welcome <<name of the host>> and", "Welcome ^<<name",
        name="in-session-text"),
    Bad("codeowners-current", SG_OFFICE, 'maintainers: ["@sg-examiner"]',
        'maintainers: ["@sg-examiner", "@sg-lead"]', None, reported_in=CODEOWNERS),
    Bad("codeowners-current", "cop.yaml", 'maintainers: ["@cop-core"]', 'maintainers: ["@cop-core", "@cop-lead"]', None,
        reported_in=CODEOWNERS, name="core-maintainer-added"),
    Bad("file-kind", "practices/EP/notes.yml", "", "office: EP\n", None, name="yml-extension"),
    Bad("file-kind", "practices/EP/claims/program-claims.yaml", "", "office: EP\n", None, name="one-folder-too-deep"),
    # The column of a byte that is not UTF-8 counts bytes: the line before it is ASCII here.
    Bad("encoding", EP_PROG, b"Program claims are", b"\x93Program\x94 claims are", "summary: ^\x93Program",
        name="windows-1252-quotes"),
    Bad("encoding", SESSION, b"Welcome and", b"Welcome \xff and", "Welcome ^\xff", name="stray-byte-in-a-session"),
    Bad("encoding", EP_PROG, b"office: EP", b"\xef\xbb\xbfoffice: EP", None, name="byte-order-mark"),
    Bad("file-size", EP_PROG, "status: draft", _padded(EP_PROG, MAX_BYTES + 1), None, name="one-byte-over-the-limit"),
    Bad("file-size", SESSION, "Welcome and", "x" * MAX_BYTES + " Welcome and", None, name="session-over-the-limit"),
    Bad("checked-in", EP_PROG, "    pinpoint: G-II, 3.6", "    pinpoint: G-II, 3.6\n    checked_in: reproduction",
        "checked_in: ^reproduction"),
    Bad("checked-in", EP_PROG, "    pinpoint: G-II, 3.6", "    pinpoint: G-II, 3.6\n    checked_in: revision 2024\n"
        "    verified_against: https://www.epo.org/en/legal/guidelines-epc/2025/g_ii_3_6.html", "checked_in: ^revision 2024",
        name="older-revision-without-a-note"),
    Bad("release-snapshot", FROZEN, '"schema_version": 1', '"schema_version": 2', "sha256: ^", reported_in=RELEASES),
    Bad("release-snapshot", FROZEN, "", REMOVED, 'version: ^"2026.05"', reported_in=RELEASES, name="frozen-copy-removed"),
    # An office's test: read from its first question, every path ends, every question is asked.
    Bad("test-cycle", EP_TEST, "        outcome: not-inventive", "        next: technical-means", "next: ^technical-means"),
    Bad("test-cycle", EP_TEST, "        outcome: not-inventive", "        next: contribution", "next: ^contribution\n    citations",
        name="question-leading-to-itself"),
    Bad("test-unreachable", EP_TEST, "  - id: contribution", "  - id: orphan\n    question: Asked?\n    answers: [{answer: \"Yes\", "
        "outcome: eligible}]\n    citations: [{source: ep-guidelines-2025, pinpoint: \"G-II, 3.6\"}]\n  - id: contribution",
        "  - id: ^orphan"),
    Bad("test-unreachable", EP_TEST, "status: draft", "  - id: orphan\n    question: Asked?\n    answers: [{answer: \"Yes\", "
        "outcome: eligible}]\n    citations: [{source: ep-guidelines-2025, pinpoint: \"G-II, 3.6\"}]\nstatus: draft",
        "  - id: ^orphan", name="question-added-at-the-end"),
    Bad("test-dead-end", EP_TEST, "        outcome: not-inventive\n", "", 'answer: ^"No"\n    citations'),
    Bad("test-dead-end", EP_TEST, "        outcome: not-eligible", "        outcome: not-eligible\n        next: contribution",
        "^outcome: not-eligible", name="next-and-outcome"),
    Bad("case-walk", CASE, "eligibility: [technical-means, contribution]", "eligibility: [contribution]",
        "eligibility: [^contribution]"),
    Bad("case-walk", CASE, "eligibility: [technical-means, contribution]", "eligibility: [technical-means, contributions]",
        "eligibility: [technical-means, ^contributions]", name="question-the-test-lacks"),
    Bad("unknown-test", CASE, "eligibility: [technical-means, contribution]", "inventive-step: [technical-means]",
        "^inventive-step:"),
    Bad("unknown-test", SESSION, "tests: [EP/eligibility]", "tests: [SG/eligibility]", "tests: [^SG/eligibility]",
        name="session-names-another-offices-test"),
]

NEAR_MISSES = [
    Good("yaml-syntax", EP_ELIG, "see_also: [program-claims]", "see_also: [\n    program-claims]",
         "bracket-closed-on-a-later-line"),
    Good("duplicate-key", EP_PROG, "    pinpoint: G-II, 3.6", "    pinpoint: G-II, 3.6\n    note: Read in the 2025 edition.",
         "same-key-in-another-mapping"),
    Good("yaml-tag", EP_PROG, "note: Pinpoint not yet checked against the 2025 text.",
         'note: "!!python/object is only text in quotes."', "tag-in-quoted-text"),
    Good("yaml-alias", EP_PROG, "note: Pinpoint not yet checked against the 2025 text.",
         "note: Pinpoint *not yet* checked & compared with the 2025 text.", "ampersand-and-asterisk-in-text"),
    Good("schema", EP_ELIG, "effective_since: 2025-04-01", "effective_since: 2024-02-29", "leap-day"),
    Good("unknown-office", CASE, "  - office: SG", "  - office: EP", "case-analysis-by-another-listed-office"),
    Good("unknown-topic", SG_PROG, "status: draft", "status: draft\nsee_also: [eligibility-framework]",
         "see-also-a-declared-topic"),
    Good("unknown-source", GLOSSARY, "sources: [ep-guidelines-2025]", "sources: [ep-guidelines-2025, ep-guidelines-2024]",
         "glossary-term-cites-an-older-declared-edition"),
    Good("unknown-case", SESSION, "topics: [eligibility-framework]",
         "topics: [eligibility-framework]\ncases: [ai-anomaly-detection]", "a-second-session-uses-the-case"),
    Good("unknown-position", EP_PROG, 'position: "yes"', "position: partly", "another-position-of-the-set"),
    Good("folder-matches-office", SG_PROG, "applies: Patents Act s. 13(1)",
         "applies: Patents Act s. 13(1)\ndetail: Compare [the EPO](office:EP).", "entry-links-to-another-office"),
    Good("file-name-matches-id", "practices/cases/ai-anomaly-detection-2.yaml", "id: ai-anomaly-detection",
         "id: ai-anomaly-detection-2", "copied-case-renamed-with-its-id", copy_of=CASE),
    Good("duplicate-id", TOPICS, "meaning: nothing published beyond the statute, colour: grey}",
         "meaning: nothing published beyond the statute, colour: grey}\n"
         "      - {id: partly, label: Partly, meaning: in part, colour: amber}", "position-id-of-another-topic"),
    Good("duplicate-source", SOURCES, "    official: false\n    current: true\n",
         "    official: false\n    current: true\n  - id: law-firm-article-2026\n    title: Commentary\n"
         "    publisher: A law firm\n    kind: study\n    edition: \"2026\"\n    url: https://example.org/commentary\n"
         "    official: false\n    current: true\n", "same-url-another-edition"),
    Good("coverage", EP_PROG, 'position: "yes"', "position: no-guidance\napplies: Art. 52(2)(c) EPC",
         "explicit-no-guidance-entry"),
    Good("citation-required", EP_PROG, "    pinpoint: G-II, 3.6",
         "    pinpoint: G-II, 3.6\n  - source: law-firm-article\n    pinpoint: part 1", "unofficial-beside-official"),
    Good("superseded-edition", EP_PROG, "source: ep-guidelines-2025\n    pinpoint: G-II, 3.6",
         "source: ep-guidelines-2024\n    pinpoint: G-II, 3.6\n    note: Read in the 2024 edition only.",
         "superseded-edition-cited-with-a-note"),
    Good("edition-series", SOURCES, "  - id: sg-ipos-guidelines",
         "  - id: ep-guidelines-2023\n    title: Guidelines for Examination in the EPO\n    publisher: European Patent Office\n"
         "    kind: guidelines\n    edition: March 2023\n    url: https://www.epo.org/en/legal/guidelines-epc/2023/index.html\n"
         "    official: true\n    current: false\n    series: ep-guidelines\n    superseded_by: ep-guidelines-2024\n"
         "  - id: sg-ipos-guidelines", "older-edition-not-current"),
    Good("stale-review", CASE, "last_reviewed: 2026-05-01", "last_reviewed: 2025-06-01", "exactly-the-threshold"),
    Good("date-sanity", EP_PROG, "last_reviewed: 2026-05-01", "last_reviewed: 2026-06-01", "reviewed-today"),
    Good("unsafe-markup", EP_ELIG, "[the Singapore office](office:SG).",
         "[the Singapore office](office:SG) or <https://www.epo.org>.", "autolink"),
    Good("internal-link", EP_ELIG, "(topic:program-claims)", "(entry:SG/program-claims)", "entry-reference"),
    Good("glossary-term", GLOSSARY, "    sources: [ep-guidelines-2025]", "    sources: [ep-guidelines-2025]\n    see_also: [cii]",
         "see-also-a-declared-term"),
    Good("review-status", EP_PROG, "    pinpoint: G-II, 3.6\nlast_reviewed: 2026-05-01\nstatus: draft",
         "    pinpoint: G-II, 3.6\n    verified_against: https://www.epo.org/en/legal/guidelines-epc/2025/g_ii_3_6.html\n"
         "last_reviewed: 2026-05-01\nstatus: verified", "verified-with-evidence"),
    Good("no-guidance", SG_ELIG, "position: actual-contribution", "position: no-guidance\napplies: Patents Act s. 13(1)",
         "no-guidance-with-applies"),
    Good("workshop-session", "workshops/demo/sessions/notes.txt", "", "Room booked.\n", "text-file-beside-the-sessions"),
    Good("session-block", SESSION, "::: facilitator", "::: facilitator   ", "opener-with-trailing-spaces"),
    Good("answer-key-leak", EXERCISE, "Analyse the claim of the case in groups.",
         "Answer in groups: does the model have technical character?", "answer-as-a-word-not-a-heading"),
    Good("rule-config", "cop.yaml", "stale_after_days: 365",
         "stale_after_days: 365\nrules:\n  review-status: error\n  stale-review: off", "locked-rule-kept-an-error"),
    Good("reserved-name", "practices/cases/console.yaml", "id: ai-anomaly-detection", "id: console",
         "case-called-console", copy_of=CASE),
    Good("symlink", "backup/env.txt", "", Symlink("/proc/self/environ"), "symlink-where-cop-reads-nothing"),
    # 19,999 characters and the line end: exactly the limit.
    Good("paragraph-length", SESSION, "Welcome and", "word " * 3999 + "word\n\nWelcome and", "paragraph-at-the-limit"),
    Good("workshop-minutes", SESSION, "minutes: 15", "minutes: 20", "session-and-agenda-lengthened",
         also=((WORKSHOP, "minutes: 75", "minutes: 80"),)),
    Good("workshop-path", WORKSHOP, "  - sessions/02-exercise.md", "  - ./sessions/02-exercise.md", "dot-segment"),
    Good("unfilled-placeholder", EP_PROG, "note: Pinpoint not yet checked against the 2025 text.",
         "note: Pinpoint not yet checked; the claim writes cout << value.", "shift-operator-in-text"),
    Good("codeowners-current", SG_OFFICE, 'maintainers: ["@sg-examiner"]', 'maintainers: ["@sg-examiner", "@sg-lead"]',
         "maintainer-added-with-codeowners",
         also=((CODEOWNERS, "/practices/SG/ @sg-examiner", "/practices/SG/ @sg-examiner @sg-lead"),)),
    Good("file-kind", "practices/EP/README.md", "", "Notes for the EP maintainers.\n", "markdown-note-beside-the-data"),
    Good("encoding", EP_PROG, "Program claims are", "\u201cProgram\u201d claims are", "utf-8-quotes"),
    Good("file-size", EP_PROG, "status: draft", _padded(EP_PROG, MAX_BYTES), "exactly-the-limit"),
    Good("checked-in", EP_PROG, "    pinpoint: G-II, 3.6", "    pinpoint: G-II, 3.6\n    checked_in: reproduction\n"
         "    verified_against: https://www.epo.org/en/legal/guidelines-epc/2025/g_ii_3_6.html\n"
         "    note: Read in an unofficial rebuild of the 2025 text, example/repo, commit 0123abc.", "reproduction-named-in-the-note"),
    Good("release-snapshot", RELEASES, "    date: 2026-05-02\n", "    date: 2026-05-02\n    note: The first release, for the June meeting.\n",
         "a-note-added-to-a-release"),
    Good("test-cycle", EP_TEST, '      - answer: "No"\n        outcome: not-inventive',
         '      - answer: "No"\n        outcome: not-inventive\n      - answer: "Perhaps"\n        outcome: depends',
         "a-third-answer-that-ends"),
    Good("test-unreachable", EP_TEST, '      - answer: "No"\n        outcome: not-eligible\n        conclusion: Excluded as such',
         '      - answer: "No"\n        next: contribution', "both-answers-lead-to-the-same-question"),
    Good("test-dead-end", EP_TEST, "        outcome: not-inventive", "        outcome: not-inventive\n        conclusion: Not inventive",
         "conclusion-with-its-outcome"),
    Good("case-walk", CASE, "eligibility: [technical-means, contribution]", "eligibility: [technical-means]",
         "a-walk-that-stops-at-the-first-question"),
    Good("unknown-test", SESSION, "tests: [EP/eligibility]", "tests: [EP/eligibility]\ncases: [ai-anomaly-detection]",
         "a-session-showing-a-test-and-a-case"),
]


def change(project, case) -> None:
    """Applies one table row's change to the copy of the fixture."""
    target = project.path(case.file)
    if case.new is REMOVED:
        target.unlink()
    elif isinstance(case.new, Symlink):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(case.new.target)
    elif case.copy_of:
        project.write(case.file, project.read(case.copy_of).replace(case.old, case.new, 1))
    elif not target.exists():
        assert case.old == "", f"{case.file} is new: there is nothing to replace"
        project.write(case.file, case.new)
    elif isinstance(case.new, bytes):
        raw = target.read_bytes()
        assert case.old in raw, f"{case.old!r} not in {case.file}"
        target.write_bytes(raw.replace(case.old, case.new, 1))
    else:
        project.edit(case.file, case.old, case.new)


def _place(project, rel: str, at: str | None) -> tuple[int, int]:
    """The line and column that `at` marks with "^" in the file as changed."""
    if at is None:
        return 1, 1
    assert at.count("^") == 1, f"{at!r} marks no single place"
    path = project.path(rel)
    raw = path.read_bytes() if path.exists() and not path.is_symlink() else b""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # one character a byte, as the encoding rule counts columns
    index = text.index(at.replace("^", "", 1)) + at.index("^")
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


@pytest.mark.parametrize("bad", CASES, ids=str)
def test_one_change_gives_exactly_one_problem_from_its_rule_at_its_place(project, bad):
    change(project, bad)
    problems = project.problems()
    where = bad.reported_in or bad.file
    assert [(p.rule, p.path) for p in problems] == [(bad.rule, where)], problems
    assert (problems[0].line, problems[0].col) == _place(project, where, bad.at), problems[0].text()


@pytest.mark.parametrize("good", NEAR_MISSES, ids=str)
def test_a_change_close_to_a_failure_gives_no_problem(project, good):
    change(project, good)
    for rel, old, new in good.also:
        project.edit(rel, old, new)
    assert project.problems() == []


def test_every_rule_is_shown_failing_twice_and_passing_a_near_miss():
    failing = {rule.ID: set() for rule in all_rules()}
    for bad in CASES:
        failing[bad.rule].add(str(bad))
    passing = {good.rule for good in NEAR_MISSES}
    assert [rule for rule, names in failing.items() if len(names) < 2] == []
    assert {rule.ID for rule in all_rules()} - passing == set()


def test_the_cases_are_told_apart_by_name():
    for table in (CASES, NEAR_MISSES):
        names = [str(case) for case in table]
        assert len(names) == len(set(names))
        assert {case.rule for case in table} <= {rule.ID for rule in all_rules()}


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.ID)
def test_every_rule_documents_itself_with_a_passing_and_a_failing_example(rule):
    doc = rule.__doc__ or ""
    assert doc.strip().splitlines()[0].endswith("."), "a one-line summary comes first"
    assert "\nPassing:\n" in doc and "\nFailing:\n" in doc
    assert doc.index("Passing:") < doc.index("Failing:")
