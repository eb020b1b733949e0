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
PLACEHOLDER = re.compile(r"<<([^<>\n]*)>>")


def find(doc) -> list[Problem]:
    """One problem for each value of the document that still holds a placeholder."""
    found = []
    for path, line_col in sorted(doc.marks.items(), key=lambda item: item[1]):
        value = _value(doc.data, path)
        if isinstance(value, str):
            for match in PLACEHOLDER.finditer(value):
                field = _dotted(path)
                found.append(Problem(doc.path, line_col[0], line_col[1], ID,
                                     f"{field} is still the placeholder <<{match.group(1)}>>",
                                     hint="replace it with the value it describes"))
    return found


def _value(data, path):
    for part in path:
        data = data[part]
    return data


def check(text):
    from .. import yamldoc

    doc, problems = yamldoc.parse(text, "example.yaml")
    yield from problems if problems else find(doc)
