"""Every file under practices/ and workshops/ is a data file cop knows, in its place.

A file cop does not read (a stray `.yml`, a YAML file one folder too deep) would
otherwise be silently ignored, and its content never shown.

Passing:

    # practices/EP/program-claims.yaml
    office: EP

Failing:

    # practices/EP/claims/program-claims.yml
    office: EP
"""

from ..kinds import UNKNOWN, unknown_reason
from ..problems import Problem

ID = "file-kind"
STAGE = "read"


def check_file(raw: bytes, path: str, kind: str):
    return [Problem(path, 1, 1, ID, unknown_reason(path))] if kind == UNKNOWN else []
