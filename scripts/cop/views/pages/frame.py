"""The frame of every generated page, and the Markdown it uses beyond CommonMark.

The pages are written for MkDocs with Material: front-matter keys `render_macros` (the
site's macros, cop.site: never render this page as a template) and `hide` (Material), and
admonitions (`!!! note`), come from there, so they are written here only.
"""

from __future__ import annotations

import json

from ..safe import heading, text


# How much a page's words weigh in search against a hand-written page's (Material's `search: boost`):
# the canonical place of an office's or a topic's text first; pages that mention every office and
# topic in passing (the glossary, workshops, the tests side by side) after them.
SEARCH_WEIGHT = {"office": 2, "topic": 2, "worksharing": 2, "mentions": 0.5}


def generated_page(title: str, body: str, *, wide: bool = False, search: bool = True, weight: str | None = None) -> str:
    """search=False: the page is left out of the search index (Material's `search: exclude`), as a
    release's frozen copy is: its text is already indexed on the live pages. weight: a key of
    SEARCH_WEIGHT."""
    # The theme puts the front-matter title into the page unescaped (<title>, header), so it is
    # escaped here; JSON strings are valid YAML scalars, so any title is safe in front matter.
    hide = "hide: [navigation, toc]\n" if wide else ""
    if not search:
        hide += "search:\n  exclude: true\n"
    elif weight:
        hide += f"search:\n  boost: {SEARCH_WEIGHT[weight]}\n"
    return (f"---\ntitle: {json.dumps(text(title))}\nrender_macros: false\n{hide}---\n\n"
            f"# {heading(title)}\n\n{body.strip()}\n")


def note(title: str, body: str) -> str:
    """A boxed note; `title` and `body` are our own words (not escaped), `body` on one line."""
    return f'!!! note "{title}"\n    {body}\n'
