"""A value still holding a template placeholder `<<...>>` is named, and the file is not loaded.

`cop new` writes templates whose values to supply read `<<what goes here>>`. Each one left
is reported with its field, so a contributor can work down the list.

Passing:

    summary: Program claims are allowed when the program has a further technical effect.

Failing:

    summary: <<one-line summary>>
"""

from __future__ import annotations

import re

from ..problems import Problem
from ..schema import _dotted

ID = "unfilled-placeholder"
STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site
PLACEHOLDER = re.compile(r"<<([^<>\n]*)>>")


def find(doc) -> list[Problem]:
    """One problem for each value of the document that still holds a placeholder."""
    found = []
    for path, line, col, value in doc.strings:
        if "<<" in value:
            for match in PLACEHOLDER.finditer(value):
                found.append(Problem(doc.path, line, col, ID, f"{_dotted(path)} is still the placeholder <<{match.group(1)}>>",
                                     hint="replace it with the value it describes"))
    return found


def check(text):
    from .. import yamldoc

    doc, problems = yamldoc.parse(text, "example.yaml")
    yield from problems if problems else find(doc)
