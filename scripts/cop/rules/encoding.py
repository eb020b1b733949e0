"""A data file must be UTF-8 text without a byte-order mark.

Files are read as bytes and decoded strictly, so a file saved in another code
page is reported at the first byte that is not UTF-8 instead of being misread.

Passing:

    # practices/EP/program-claims.yaml
    summary: Programs are excluded only “as such”.   # saved as UTF-8

Failing:

    # practices/EP/program-claims.yaml
    summary: Programs are excluded only \\x93as such\\x94.   # Windows-1252 quotes: the bytes 0x93 and 0x94
"""

from . import reported
from ..yamldoc import read

ID = "encoding"
STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site


def check_file(raw: bytes, path: str, kind: str):
    return reported(read(raw, path, kind).encoding, path, ID)
