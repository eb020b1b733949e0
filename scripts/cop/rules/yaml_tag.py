"""Only YAML's standard scalar, list and mapping types are allowed; no tags.

Tags such as `!!python/object` ask a loader to build objects, and merge keys
(`<<`) hide where a value comes from; neither belongs in contributed data.

Passing:

    # practices/EP/program-claims.yaml
    last_reviewed: 2026-05-01

Failing:

    # practices/EP/program-claims.yaml
    last_reviewed: !!python/object/apply:os.system ["true"]
"""

from . import reported
from ..yamldoc import read

ID = "yaml-tag"
STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site


def check_file(raw: bytes, path: str, kind: str):
    return reported(read(raw, path, kind).tags, path, ID)
