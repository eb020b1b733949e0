"""What a built site's search index weighs, beside the text it holds once.

    .venv/bin/python benchmarks/searchindex.py site                 # a built site (or its search_index.json)
    .venv/bin/python benchmarks/searchindex.py site --json          # the same figures as JSON

The index (search/search_index.json, written by the theme's search plugin) is one JSON object:
the search configuration and one document per page and per section of a page (its location,
its title, and its text, which keeps the page's block-level and code tags). The reader fetches
it whole before the first result shows, so its size is paid on every first search; this says
how much of it is text a reader could find, and how much is the same text again.

How "unique text" is counted:

- each document's `text` is cut at every opening or closing tag of a block-level element (p,
  li, ul, ol, tr, td, th, thead, tbody, table, h1-h6, div, section, details, summary, pre,
  blockquote, dl, dt, dd, figure, figcaption, hr, br); each piece between two such tags is a
  block. Every other tag (code, a, em, strong, ...) is removed, leaving its words in the block;
- in a block, HTML's character references are decoded (`&amp;` is one byte, `&`) and every run
  of whitespace becomes one space, trimmed at both ends; empty blocks are dropped;
- each distinct block counts once, whatever the number of documents or places it appears in
  (a sentence found on five pages is one block); blocks are not split into sentences, so a
  block that differs from another by one word counts whole twice;
- each distinct title (tags removed, decoded and collapsed likewise) counts once, apart from
  the blocks: a section's heading is its document's title and is not in its text;
- the unique text's size is the sum of those blocks' and titles' UTF-8 bytes.

Why: the figure is the least a search index could hold and still find every word of the site
once; the ratio index bytes / unique text bytes then says what the rest costs: the JSON around
each document, its location, the tags kept in its text, the escaping, and above all text that
is indexed more than once (the same words on several pages). A ratio near 1 leaves nothing to
gain by leaving pages out; the blocks repeated most often say where to look when it is not.
The gzip'd size (level 9, as the build's precompressed copy, whose size is also given when the
site has one) is what a reader on a plain-HTTP intranet transfers.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sys
from collections import Counter
from pathlib import Path

BLOCK_TAGS = ("p", "li", "ul", "ol", "tr", "td", "th", "thead", "tbody", "table", "h1", "h2", "h3", "h4", "h5", "h6",
              "div", "section", "details", "summary", "pre", "blockquote", "dl", "dt", "dd", "figure", "figcaption",
              "hr", "br")
BLOCK_BOUNDARY = re.compile(r"</?(?:%s)\b[^>]*>" % "|".join(BLOCK_TAGS), re.I)
ANY_TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")


def index_path(site_or_index: Path) -> Path:
    """The search index of a built site, or the file itself."""
    path = Path(site_or_index)
    return path / "search" / "search_index.json" if path.is_dir() else path


def clean(fragment: str) -> str:
    """FRAGMENT without tags, its character references decoded, its whitespace collapsed."""
    return SPACE.sub(" ", html.unescape(ANY_TAG.sub("", fragment))).strip()


def blocks(text: str) -> list[str]:
    """The blocks of one document's text: the non-empty pieces between block-level tags."""
    return [block for piece in BLOCK_BOUNDARY.split(text) if (block := clean(piece))]


def measure(site_or_index: Path, top: int = 10) -> dict:
    """The index's size (raw, gzip'd), its unique text, their ratio, and the TOP blocks repeated most often."""
    path = index_path(site_or_index)
    raw = path.read_bytes()
    docs = json.loads(raw)["docs"]
    counts: Counter[str] = Counter()
    titles: set[str] = set()
    for doc in docs:
        counts.update(blocks(doc.get("text", "")))
        if title := clean(doc.get("title", "")):
            titles.add(title)
    block_bytes = sum(len(b.encode("utf-8")) for b in counts)
    title_bytes = sum(len(t.encode("utf-8")) for t in titles)
    unique = block_bytes + title_bytes
    all_block_bytes = sum(len(b.encode("utf-8")) * n for b, n in counts.items())
    repeated = sorted(((n, b) for b, n in counts.items() if n > 1), key=lambda nb: (-nb[0], -len(nb[1].encode("utf-8")), nb[1]))
    result = {
        "index": str(path),
        "documents": len(docs),
        "raw_bytes": len(raw),
        "gzip_bytes": len(gzip.compress(raw, compresslevel=9, mtime=0)),
        "blocks": sum(counts.values()),
        "distinct_blocks": len(counts),
        "distinct_titles": len(titles),
        "block_bytes": all_block_bytes,
        "unique_text_bytes": unique,
        "unique_block_bytes": block_bytes,
        "unique_title_bytes": title_bytes,
        "ratio": round(len(raw) / max(unique, 1), 2),
        "repeated_block_bytes": all_block_bytes - block_bytes,
        "most_repeated": [{"count": n, "bytes": len(b.encode("utf-8")), "start": b[:60]} for n, b in repeated[:top]],
    }
    for suffix in (".gz", ".br"):  # the build's precompressed copies, as served
        copy = path.with_name(path.name + suffix)
        if copy.exists():
            result[f"served_{suffix[1:]}_bytes"] = copy.stat().st_size
    return result


def report(figures: dict) -> str:
    kb = lambda n: f"{n / 1024:,.0f} KB"  # noqa: E731
    served = ", ".join(f"{kind} copy served {kb(figures[f'served_{kind}_bytes'])}" for kind in ("gz", "br")
                       if f"served_{kind}_bytes" in figures)
    lines = [
        f"Search index {figures['index']}: {figures['documents']} documents, {kb(figures['raw_bytes'])} raw, "
        f"{kb(figures['gzip_bytes'])} gzip'd" + (f" ({served})" if served else "") + ".",
        f"Unique text: {kb(figures['unique_text_bytes'])} ({figures['distinct_blocks']:,} distinct blocks of "
        f"{figures['blocks']:,}, {kb(figures['unique_block_bytes'])}; {figures['distinct_titles']:,} distinct titles, "
        f"{kb(figures['unique_title_bytes'])}); the blocks repeated take {kb(figures['repeated_block_bytes'])} more.",
        f"Index bytes / unique text bytes: {figures['ratio']:.2f}",
    ]
    if figures["most_repeated"]:
        lines += ["", "Blocks repeated most often:", "", "| count | bytes | starts with |", "| ---: | ---: | --- |"]
        for r in figures["most_repeated"]:
            start = r["start"].replace("|", "\\|")
            lines.append(f"| {r['count']} | {r['bytes']} | {start} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site's folder, or its search/search_index.json")
    parser.add_argument("--top", type=int, default=10, help="how many of the most repeated blocks to list (10)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not index_path(args.site).is_file():
        print(f"{index_path(args.site)}: no search index there (build the site first: cop build)", file=sys.stderr)
        return 2
    figures = measure(args.site, args.top)
    print(json.dumps(figures, indent=1) if args.json else report(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
