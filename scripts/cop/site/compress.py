"""Precompressed copies of a built site's text assets, for servers that send them as they are.

Each text asset gets a `.gz` and a `.br` beside it, whether or not they make it smaller: a
server that serves precompressed files (`cop serve`, nginx's `gzip_static`, Caddy's
`precompressed`) then never has to decide per file, and `.gz` of a file is always its gzip,
`.br` its brotli. The bytes depend on the input only (no file name or time in the gzip header;
brotli has none), so two builds of the same site are identical.

Over some 8 MB for the real content, this would add a tenth of the build if done at its end,
so the theme's assets (copied before the first page) and the pages are compressed while
MkDocs renders the next pages (`Precompressor.early` and `.page`, on other threads: zlib and
brotli release the GIL while they compress), and only the rest (the search index, the
sitemap, downloads) at the end. A page changed after it was handed over is
compressed again.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import brotli

from ..parallel import cores

# Level 6 (zlib's default) is within 1 % of level 9 on the real site, at half its time; see
# docs/performance.md for the sizes and times of each level.
LEVEL = 6
# Brotli's quality 5 is 16 % smaller than gzip on the real site in a third of gzip's time;
# quality 11 gains another 13 % for 75 times the time (docs/performance.md). The stylesheets and
# scripts every page loads first are worth more: on a slow link the first paint waits for them.
# Quality 10 gives them nearly all of 11's gain (the theme's CSS 19.4 KB, 18.9 at 11, 21.5 at
# 5) in a third of 11's time.
BROTLI_QUALITY = 5
FIRST_PAINT_QUALITY = 10
_FIRST_PAINT = re.compile(r"/assets/(?:stylesheets/[^/]+\.css|javascripts/bundle\.[^/]+\.js|[^/]+\.(?:css|js))$")
SUFFIXES = (".gz", ".br")


def gzip_bytes(data: bytes, level: int = LEVEL) -> bytes:
    """The gzip member of `data`, with mtime 0 and no file name: the same input, the same bytes."""
    # wbits=31 has zlib write the gzip header itself, with mtime 0 and no name.
    return zlib.compress(data, level, wbits=31)


def brotli_bytes(data: bytes, quality: int = BROTLI_QUALITY) -> bytes:
    return brotli.compress(data, quality=quality)


def brotli_quality(path: str) -> int:
    return FIRST_PAINT_QUALITY if _FIRST_PAINT.search(path.replace(os.sep, "/")) else BROTLI_QUALITY


def text_assets(site: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The site's files whose names end in one of `suffixes`, largest first, so that no core is
    left compressing a big file alone at the end."""
    found = []
    for folder, _, names in os.walk(site):
        for name in names:
            if name.endswith(suffixes):
                path = Path(folder, name)
                found.append((path.stat().st_size, str(path), path))
    found.sort(key=lambda item: (-item[0], item[1]))
    return [path for _, _, path in found]


def _write_compressed(path: str, data: bytes, level: int) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)  # the page itself may not be written yet
    Path(f"{path}.gz").write_bytes(gzip_bytes(data, level))
    Path(f"{path}.br").write_bytes(brotli_bytes(data, brotli_quality(path)))


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class Precompressor:
    """Compresses pages as they are rendered, on other threads, and the rest of a site at the end."""

    def __init__(self, level: int = LEVEL, workers: int | None = None):
        self.level = level
        # One core fewer than the machine has: while pages render, this process's own thread
        # needs a core to itself; at the end it compresses beside the workers (finish).
        self.workers = workers or max(1, cores() - 1)
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="cop-compress")
        self._sent: dict[str, tuple[bytes, Future]] = {}  # path -> digest of the bytes compressed

    def page(self, path: str, data: bytes) -> None:
        """PATH will hold DATA: its .gz and .br are written in the background."""
        self._sent[path] = (_digest(data), self._pool.submit(_write_compressed, path, data, self.level))

    def early(self, site: Path, suffixes: tuple[str, ...]) -> None:
        """Starts on the text assets already in `site` (MkDocs copies the theme's before it
        renders the first page), so that they are compressed while the pages render."""
        for path in text_assets(site, suffixes):
            self.page(str(path), path.read_bytes())

    def finish(self, site: Path, suffixes: tuple[str, ...]) -> None:
        """Waits for the pages, and compresses every other text asset of `site`."""
        try:
            for _, future in self._sent.values():
                future.result()
            rest = []
            for path in text_assets(site, suffixes):
                data = path.read_bytes()
                sent = self._sent.get(str(path))
                if sent is None or sent[0] != _digest(data):
                    rest.append((path, data))
            queue = iter(rest)
            lock = threading.Lock()

            def drain() -> None:
                while True:
                    with lock:
                        item = next(queue, None)
                    if item is None:
                        return
                    _write_compressed(str(item[0]), item[1], self.level)

            helpers = [self._pool.submit(drain) for _ in range(self.workers)]
            drain()
            for helper in helpers:
                helper.result()  # the first error in any thread is raised here
        finally:
            self.close()

    def close(self) -> None:
        # On an error or a signal, the files not started yet are not compressed for nothing.
        self._pool.shutdown(wait=True, cancel_futures=True)
