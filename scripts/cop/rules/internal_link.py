"""Links inside the knowledge base use a short reference that must resolve.

In contributed Markdown, link to other parts of the knowledge base with
`topic:<id>`, `office:<CODE>`, `entry:<CODE>/<topic>`, `case:<id>`,
`glossary:<id>`, `source:<id>` or `workshop:<id>`; the site turns them into page
links and anchors. Relative file links would break when a page moves, so they
are rejected; web links (`https://`) and in-page anchors (`#...`) are left alone.

Passing:

    # practices/EP/eligibility-framework.yaml
    detail: Compare [program claims](topic:program-claims) and [the EPO](office:EP).

Failing:

    # practices/EP/eligibility-framework.yaml
    detail: Compare [program claims](topic:program-claim) and [this](../EP/program-claims.yaml).
"""

import re

from . import nearest
from .unsafe_markup import findings as unsafe
from ..problems import Problem
from ..views.links import SCHEMES  # one table for this rule, the sanitizer and the resolver

ID = "internal-link"
# The target stops at "]" as well: otherwise, on a run of "](", each "](" would scan to the end
# of the text for a ")" and a long run would take quadratic time.
LINK = re.compile(r"\]\(\s*<?([^)\]\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_WEB = re.compile(r"(?i)(?:https?:|mailto:|#)")


def check(kb, ctx):
    tables = {name: scheme.targets(kb) for name, scheme in SCHEMES.items()}
    for rel, line, col, text in ctx.index.texts:
        if "](" not in text:
            continue
        for match in LINK.finditer(text):
            target = match.group(1)
            scheme, _, rest = target.partition(":")
            if scheme in SCHEMES:
                known = tables[scheme]
                # Entries, cases and workshops may exist unread (cop check --changed), and the file that
                # would declare the target may be broken (reported where it is): then it is not judged.
                if rest in known or ctx.files.undecidable(scheme, rest):
                    continue
                problem = (f"link '{target}' does not resolve: no {scheme} '{rest}'", nearest(rest, known))
            elif not _WEB.match(target):
                problem = (f"link '{target}' is neither a web address nor a knowledge-base reference",
                           "use https://... or one of " + ", ".join(f"{s}:" for s in SCHEMES))
            else:
                continue
            # unsafe-markup reports script and data URLs (a data: URL is known by its "](").
            if not any(unsafe(match.group(0))):
                # Placed at the target the reader has to change.
                at_line, at_col = ctx.index.place(rel, line, col, text, match.start(1))
                yield Problem(rel, at_line, at_col, ID, problem[0], hint=problem[1])
