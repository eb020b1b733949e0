"""A data file must be well-formed YAML.

Tabs used for indentation, unclosed brackets and quotes, and control characters
are reported at the place the parser stopped.

Passing:

    # practices/EP/eligibility-framework.yaml
    see_also: [program-claims, medium-claims]

Failing:

    # practices/EP/eligibility-framework.yaml
    see_also: [program-claims, medium-claims
"""

from . import reported
from ..yamldoc import read

ID = "yaml-syntax"
STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site


def check_file(raw: bytes, path: str, kind: str):
    return reported(read(raw, path, kind).syntax, path, ID)
