"""A paragraph of a session is at most 20,000 characters, as long as a data file's longest text.

The handout and the facilitator guide are laid out by WeasyPrint, whose time grows with the
square of a paragraph's length: one paragraph of 1 MB, which a session file may hold, would
keep `cop pack` busy for an hour, where the same text in paragraphs of ordinary length takes
seconds. Twenty thousand characters is some ten printed pages; a longer paragraph is split
with a blank line.

Passing:

    # workshops/demo/sessions/01-opening.md
    A paragraph of a few sentences.

    Another paragraph, after a blank line.

Failing:

    # workshops/demo/sessions/01-opening.md
    One paragraph that runs on, <20,000 × x>,
    line after line, without a blank line.
"""

from ..problems import Problem

ID = "paragraph-length"
LIMIT = 20_000


def check(kb, ctx):
    for folder in sorted(kb.workshops):
        for session in kb.workshops[folder].sessions:
            yield from _long_paragraphs(session)


def _long_paragraphs(session):
    start, size = None, 0
    for number, line in enumerate(session.body.split("\n"), start=session.body_line):
        if not line.strip():
            start = None
            continue
        if start is None:
            start, size = number, 0
        size += len(line) + 1
        if size > LIMIT >= size - len(line) - 1:  # report each paragraph once, when it crosses the limit
            yield Problem(session.loc.path, start, 1, ID, f"this paragraph is longer than {LIMIT:,} characters",
                          hint="split it with a blank line")
