"""Contributed text carries no HTML, scripts, event handlers, script URLs or template syntax.

Text from YAML and session files is Markdown written by contributors and shown
to examiners: raw HTML (including `<script>` and `<iframe>`), `on...=` event
handlers, `javascript:`/`vbscript:`/`data:` URLs and Jinja syntax (`{{ }}`,
`{% %}`, `{# #}`) are rejected here, and the site escapes what might slip past.
Autolinks such as `<https://www.epo.org>` are plain Markdown and allowed.

Passing:

    detail: See [G 3/08](https://www.epo.org/en/boards-of-appeal/decisions/g080003ex1).

Failing:

    detail: See <script>alert(1)</script> and [this](javascript:alert(1)) and {{ config }}.
"""

import re

from . import texts
from ..problems import Problem

ID = "unsafe-markup"

_PATTERNS = [
    (re.compile(r"<(?!(?:https?|mailto):[^>\s]+>)\s*/?\s*[A-Za-z!?][^>]*>?"), "raw HTML",
     "write Markdown instead of HTML"),
    (re.compile(r"(?i:\bon[a-z]{3,}\s*=\s*[\"'`])"), "an event-handler attribute", "remove the attribute"),
    (re.compile(r"(?i:\b(?:javascript|vbscript|livescript)\s*:)"), "a script URL", "link to an https:// address"),
    (re.compile(r"(?i:(?:\]\(\s*|<|=\s*[\"']?)data\s*:|\bdata:[a-z]+/[a-z0-9.+-]+[;,])"), "a data: URL",
     "link to an https:// address"),
    (re.compile(r"\{\{|\{%|\{#|%\}|#\}|\}\}"), "template syntax ({{ }}, {% %}, {# #})",
     "remove the braces; contributed text is never a template"),
]


# One pass over each text: the patterns joined, each in its own group.
_ANY = re.compile("|".join(f"(?P<p{i}>{pattern.pattern})" for i, (pattern, _, _) in enumerate(_PATTERNS)))


# Every pattern needs one of these characters; most texts have none and are passed over at once.
_TRIGGER = re.compile(r"[<{}%#:=]")


def findings(text: str):
    """(column offset, what, hint) for each kind of unsafe construct in one text, first place only."""
    if not _TRIGGER.search(text):
        return
    seen = set()
    for match in _ANY.finditer(text):
        index = int(match.lastgroup[1:])
        if index not in seen:
            seen.add(index)
            yield match.start(), _PATTERNS[index][1], _PATTERNS[index][2]


def check(kb, ctx):
    for rel, line, col, text in texts(kb):
        if not _TRIGGER.search(text):
            continue
        for offset, what, hint in findings(text):
            shown = text[offset: offset + 40].split("\n")[0]
            yield Problem(rel, line, col, ID, f"text contains {what}: '{shown}'", hint=hint)
