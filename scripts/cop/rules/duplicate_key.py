"""A mapping must not repeat a key.

YAML parsers usually keep the last value silently; here the second key is
reported with the line of the first, and the file is not loaded.

Passing:

    position: partly
    summary: Accepted when the claim recites a technical means.

Failing:

    position: partly
    position: "yes"
"""

from ._read import read_problems
from ..yamldoc import DUPLICATE_KEY as ID

STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site


def check(text):
    yield from read_problems(text, ID)
