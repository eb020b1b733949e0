"""A value still holding a template placeholder `<<...>>` is named, and the file is not loaded.

`cop new` writes templates whose values to supply read `<<what goes here>>`. Each one left
is reported with its field, so a contributor can work down the list.

Passing:

    # practices/EP/program-claims.yaml
    summary: Program claims are allowed when the program has a further technical effect.

Failing:

    # practices/EP/program-claims.yaml
    summary: <<one-line summary>>
"""

from __future__ import annotations

import re

from ..problems import Problem
from ..schema import _dotted
from ..yamldoc import read

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


def check_file(raw: bytes, path: str, kind: str):
    """Placeholders in the values, and for a session in the Markdown too."""
    reading = read(raw, path, kind)
    if reading.document is None:
        return []
    found = find(reading.document)
    if reading.body is not None:
        found += [Problem(path, reading.body_line + i, match.start() + 1, ID,
                          f"session text is still the placeholder <<{match.group(1)}>>", hint="replace it with your text")
                  for i, line in enumerate(reading.body.split("\n")) for match in PLACEHOLDER.finditer(line)]
    return found
