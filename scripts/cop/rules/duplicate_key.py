"""A mapping must not repeat a key.

YAML parsers usually keep the last value silently; here the second key is
reported with the line of the first, and the file is not loaded.

Passing:

    # practices/EP/program-claims.yaml
    position: partly
    summary: Accepted when the claim recites a technical means.

Failing:

    # practices/EP/program-claims.yaml
    position: partly
    position: "yes"
"""

from . import reported
from ..yamldoc import read

ID = "duplicate-key"
STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site


def check_file(raw: bytes, path: str, kind: str):
    return reported(read(raw, path, kind).duplicate_keys, path, ID)
