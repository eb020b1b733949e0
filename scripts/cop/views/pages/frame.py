"""The frame of every generated page, and the Markdown it uses beyond CommonMark.

The pages are written for MkDocs with Material: front-matter keys `render_macros` (the
site's macros, cop.site: never render this page as a template) and `hide` (Material), and
admonitions (`!!! note`), come from there, so they are written here only.
"""

from __future__ import annotations

import json

from ..safe import heading, text


def generated_page(title: str, body: str, *, wide: bool = False, search: bool = True) -> str:
    """search=False: the page is left out of the search index (Material's `search: exclude`), as a
    release's frozen copy is: its text is already indexed on the live pages."""
    # The theme puts the front-matter title into the page unescaped (<title>, header), so it is
    # escaped here; JSON strings are valid YAML scalars, so any title is safe in front matter.
    hide = "hide: [navigation, toc]\n" if wide else ""
    hide += "" if search else "search:\n  exclude: true\n"
    return (f"---\ntitle: {json.dumps(text(title))}\nrender_macros: false\n{hide}---\n\n"
            f"# {heading(title)}\n\n{body.strip()}\n")


def note(title: str, body: str) -> str:
    """A boxed note; `title` and `body` are our own words (not escaped), `body` on one line."""
    return f'!!! note "{title}"\n    {body}\n'
