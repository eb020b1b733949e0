"""A data file must be UTF-8 text without a byte-order mark.

Files are read as bytes and decoded strictly, so a file saved in another code
page is reported at the first byte that is not UTF-8 instead of being misread.

Passing:

    summary: Programs are excluded only "as such".   # saved as UTF-8

Failing:

    summary: Programs are excluded only \x93as such\x94.   # Windows-1252 quotes
"""

from ._read import read_problems
from ..yamldoc import ENCODING as ID

STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site


def check(text):
    yield from read_problems(text, ID)
