"""Names cop never gives to a page, a file or a folder."""

from __future__ import annotations

from functools import lru_cache

# Every generated folder (compare/, cases/, workshops/, offices/) has its own index page.
INDEX = "index"
# Device names Windows reserves in every folder, with any extension: a checkout with such a file
# fails on the Windows machines many offices use.
WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                             *(f"lpt{i}" for i in range(1, 10))})


# Asked of every part of every path (30,000 times for 10,000 entries), of a few hundred names.
@lru_cache(maxsize=4096)
def reserved_file_name(name: str) -> str | None:
    """Why `name` cannot be a file or folder name, or None."""
    stem = name.split(".", 1)[0].rstrip(" ").lower()
    if stem in WINDOWS_DEVICES:
        return f"'{name}' is a device name that Windows reserves; no file or folder may be called so"
    return None


def reserved_page_id(page_id: str) -> str | None:
    """Why `page_id`, which names a page and a file, cannot be used, or None."""
    if page_id.lower() == INDEX:
        return f"'{page_id}' is the name of the index page the site generates beside it"
    return reserved_file_name(page_id)
