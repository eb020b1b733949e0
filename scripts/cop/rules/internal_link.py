"""Links inside the knowledge base use a short reference that must resolve.

In contributed Markdown, link to other parts of the knowledge base with
`topic:<id>`, `office:<CODE>`, `entry:<CODE>/<topic>`, `case:<id>`,
`glossary:<id>`, `source:<id>` or `workshop:<id>`; the site turns them into page
links and anchors. Relative file links would break when a page moves, so they
are rejected; web links (`https://`) and in-page anchors (`#...`) are left alone.

Passing:

    detail: Compare [program claims](topic:program-claims) and [the EPO](office:EP).

Failing:

    detail: Compare [program claims](topic:program-claim) and [this](../EP/program-claims.yaml).
"""

import re

from . import nearest, texts
from .unsafe_markup import findings as unsafe
from ..problems import Problem

ID = "internal-link"
# The target stops at "]" as well: otherwise, on a run of "](", each "](" would scan to the end
# of the text for a ")" and a long run would take quadratic time.
LINK = re.compile(r"\]\(\s*<?([^)\]\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_WEB = re.compile(r"(?i)(?:https?:|mailto:|#)")
SCHEMES = ("topic", "office", "entry", "case", "glossary", "source", "workshop")


def targets(kb, scheme: str):
    return {
        "topic": kb.topics, "office": kb.offices, "case": kb.cases, "glossary": kb.terms,
        "source": kb.sources, "workshop": kb.workshops,
        "entry": {f"{o}/{t}": e for (o, t), e in kb.entries.items()},
    }[scheme]


def check(kb, ctx):
    tables = {scheme: targets(kb, scheme) for scheme in SCHEMES}
    for rel, line, col, text in texts(kb):
        if "](" not in text:
            continue
        for match in LINK.finditer(text):
            target = match.group(1)
            if any(unsafe(match.group(0))):
                continue  # unsafe-markup reports script and data URLs (a data: URL is known by its "](")
            scheme, _, rest = target.partition(":")
            if scheme in SCHEMES:
                known = tables[scheme]
                # Entries, cases and workshops may exist unread (cop check --changed), and the file that
                # would declare the target may be broken (reported where it is): then it is not judged.
                exists = rest in known or kb.undecidable(scheme, rest)
                if not exists:
                    yield Problem(rel, line, col, ID, f"link '{target}' does not resolve: no {scheme} '{rest}'",
                                  hint=nearest(rest, known))
            elif not _WEB.match(target):
                yield Problem(rel, line, col, ID, f"link '{target}' is neither a web address nor a knowledge-base reference",
                              hint="use https://... or one of " + ", ".join(f"{s}:" for s in SCHEMES))
