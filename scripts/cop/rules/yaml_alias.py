"""Anchors and aliases (`&name`, `*name`) are not allowed in data files.

Aliases make a reader look elsewhere for a value and, nested, expand without
bound (the "billion laughs" file); data files spell every value out.

Passing:

    # practices/EP/eligibility-framework.yaml
    see_also: [program-claims]

Failing:

    # practices/EP/eligibility-framework.yaml
    a: &topics [program-claims]
    see_also: *topics
"""

from . import reported
from ..yamldoc import read

ID = "yaml-alias"
STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site


def check_file(raw: bytes, path: str, kind: str):
    return reported(read(raw, path, kind).aliases, path, ID)
