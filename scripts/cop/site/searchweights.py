"""How much a title weighs in the site's search, set in the index Material writes.

Material's search worker builds its Lunr index from the fields the index file names, with a
title weighing 1,000 times the text, and appends a wildcard to every word typed. A short word of
a query (the T of "T 641/00", the Art of "Art. 52(2)") then matches every title word that begins
with it, and those titles outrank the page that holds the whole reference. At 10 times the text
a title still puts its page first among pages that match the same words. Nothing else of the
theme's index changes.
"""

from __future__ import annotations

import json
from pathlib import Path

TITLE_WEIGHT = 10.0


def reweigh(site: Path) -> None:
    """Rewrites `site`'s search index with the title weight above (no index: nothing to do)."""
    path = site / "search" / "search_index.json"
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    data["config"]["fields"]["title"]["boost"] = TITLE_WEIGHT
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
