"""Anchors and aliases (`&name`, `*name`) are not allowed in data files.

Aliases make a reader look elsewhere for a value and, nested, expand without
bound (the "billion laughs" file); data files spell every value out.

Passing:

    see_also: [program-claims]

Failing:

    a: &topics [program-claims]
    see_also: *topics
"""

from ._read import read_problems
from ..yamldoc import ALIAS as ID

STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site


def check(text):
    yield from read_problems(text, ID)
