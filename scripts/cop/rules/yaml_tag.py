"""Only YAML's standard scalar, list and mapping types are allowed; no tags.

Tags such as `!!python/object` ask a loader to build objects, and merge keys
(`<<`) hide where a value comes from; neither belongs in contributed data.

Passing:

    last_reviewed: 2026-11-01

Failing:

    last_reviewed: !!python/object/apply:os.system ["true"]
"""

from ._read import read_problems
from ..yamldoc import TAG as ID

STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site


def check(text):
    yield from read_problems(text, ID)
