"""Precompressed copies of a built site's text assets, for servers that send them as they are.

Each text asset gets a `.gz` beside it, whether or not gzip makes it smaller: a server that
serves precompressed files (nginx's `gzip_static`, Caddy's `precompressed gzip`) then never
has to decide per file, and `.gz` of a file is always its gzip. The bytes depend on the input
only (no file name or time in the header), so two builds of the same site are identical.

Over some 8 MB for the real content, this would add a tenth of the build if done at its end,
so pages are compressed while MkDocs renders the next ones (`Precompressor.page`, on other
threads: zlib releases the GIL while it compresses), and only the rest (theme assets, the
search index, the sitemap, downloads) at the end. A page changed after it was handed over is
compressed again.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from ..parallel import cores

# Level 6 (zlib's default) is within 1 % of level 9 on the real site, at half its time; see
# docs/performance.md for the sizes and times of each level.
LEVEL = 6


def gzip_bytes(data: bytes, level: int = LEVEL) -> bytes:
    """The gzip member of `data`, with mtime 0 and no file name: the same input, the same bytes."""
    # wbits=31 has zlib write the gzip header itself, with mtime 0 and no name.
    return zlib.compress(data, level, wbits=31)


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


def _write_gz(path: str, data: bytes, level: int) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)  # the page itself may not be written yet
    Path(f"{path}.gz").write_bytes(gzip_bytes(data, level))


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class Precompressor:
    """Compresses pages as they are rendered, on other threads, and the rest of a site at the end."""

    def __init__(self, level: int = LEVEL, workers: int | None = None):
        self.level = level
        self._pool = ThreadPoolExecutor(max_workers=workers or cores(), thread_name_prefix="cop-gzip")
        self._sent: dict[str, tuple[bytes, Future]] = {}  # path -> digest of the bytes compressed

    def page(self, path: str, data: bytes) -> None:
        """PATH will hold DATA: its .gz is written in the background."""
        self._sent[path] = (_digest(data), self._pool.submit(_write_gz, path, data, self.level))

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
            # list() so that the first error in any thread is raised here.
            list(self._pool.map(lambda item: _write_gz(str(item[0]), item[1], self.level), rest))
        finally:
            self.close()

    def close(self) -> None:
        # On an error or a signal, the files not started yet are not compressed for nothing.
        self._pool.shutdown(wait=True, cancel_futures=True)
