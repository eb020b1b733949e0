"""A data file must not exceed the size limit (1 MB).

No practice entry comes near the limit; a file that does is pasted binary data
or a generated dump, and refusing it early keeps every command fast.

Passing:

    # practices/EP/program-claims.yaml
    detail: A few paragraphs of Markdown.

Failing:

    # practices/EP/program-claims.yaml
    detail: <1,000,001 × x>         # pasted text, past the limit on its own
"""

from . import reported
from ..yamldoc import read

ID = "file-size"
STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site


def check_file(raw: bytes, path: str, kind: str):
    return reported(read(raw, path, kind).too_big, path, ID)
