"""A data file must be well-formed YAML.

Tabs used for indentation, unclosed brackets and quotes, and control characters
are reported at the place the parser stopped.

Passing:

    see_also: [program-claims, medium-claims]

Failing:

    see_also: [program-claims, medium-claims
"""

from ._read import read_problems
from ..yamldoc import SYNTAX as ID

STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site


def check(text):
    yield from read_problems(text, ID)
