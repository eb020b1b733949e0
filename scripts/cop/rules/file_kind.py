"""Every file under practices/ and workshops/ is a data file cop knows, in its place.

A file cop does not read (a stray `.yml`, a YAML file one folder too deep, a
symbolic link) would otherwise be silently ignored, and its content never shown.

Passing:

    practices/EP/program-claims.yaml

Failing:

    practices/EP/claims/program-claims.yml
"""

from ..load import FILE_KIND_RULE as ID, classify, unknown_reason
from ..problems import Problem

STAGE = "read"


def check(rel: str):
    """Problems for one path relative to the project root."""
    if classify(rel) == "unknown":
        yield Problem(rel, 1, 1, ID, unknown_reason(rel))
