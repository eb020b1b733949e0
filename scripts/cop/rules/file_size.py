"""A data file must not exceed the size limit (1 MB).

No practice entry comes near the limit; a file that does is pasted binary data
or a generated dump, and refusing it early keeps every command fast.

Passing:

    detail: A few paragraphs of Markdown.

Failing:

    detail: <50 MB of pasted text>
"""

from ._read import read_problems
from ..yamldoc import FILE_SIZE as ID

STAGE = "read"
LOCKED = True  # a file that cannot be read would silently drop out of the site


def check(text):
    yield from read_problems(text, ID)
