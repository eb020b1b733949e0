"""MkDocs plugin `cop`: loads the knowledge base once per build and adds the generated pages in memory.

Nothing is written into docs/: pages and downloads are MkDocs generated files, so a build
can never overwrite a hand-written page.
"""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File

from .. import load
from ..check import check_loaded, has_errors
from ..views import downloads, pages
from ..views import urls as where
from ..views.practice import ViewContext
from ..views.urls import Urls
from .build_date import build_date

log = get_plugin_logger(__name__)
_MARKER = re.compile(r"<!--cop-block-(\d+)-->")
OFFLINE_SHIM = "assets/vendor/iframe-worker/shim.js"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt")


class CopConfig(Config):
    # Refuse to build from data that `cop check` finds errors in; tests of the sanitizer turn it off.
    check = opt.Type(bool, default=True)
    # Write a .gz beside each text asset so a server can send it precompressed to slow links.
    precompress = opt.Type(bool, default=True)


class CopPlugin(BasePlugin[CopConfig]):
    kb = None
    today = None

    def __init__(self):
        super().__init__()
        self._stash: dict[str, list[str]] = {}

    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        kb, problems = load.load(root)
        self.today = build_date()
        if self.config.check:
            problems = check_loaded(kb, problems, self.today)
            if has_errors(problems):
                lines = "\n".join(p.text() for p in problems if p.severity == "error")
                raise PluginError(f"cop check found errors; fix them before building:\n{lines}")
        self.kb = kb
        offline = config.plugins.get("material/offline")
        if offline is not None and offline.config.enabled:
            # The offline plugin would otherwise load its iframe-worker shim from a CDN.
            config.extra["polyfills"] = [OFFLINE_SHIM]
        return config

    def on_files(self, files, config):
        ctx = self.view_context(config)
        for src, markdown in pages.build(ctx).items():
            files.append(File.generated(config, src, content=markdown))
        for name, data in downloads.build(self.kb, self.today).items():
            files.append(File.generated(config, where.download(name), content=data))
        for entry in self.kb.entries.values():
            path = entry.loc.path
            files.append(File.generated(config, where.source_file(path), abs_src_path=str(self.kb.root / path)))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        """Sets the generated pages' HTML blocks aside so the Markdown engine does not re-parse them.

        A generated page is Markdown headings and text around large HTML blocks (tables, entries)
        that are final already; parsing them again is most of the cost of rendering such a page.
        Each block, a paragraph of its own beginning with '<', is replaced by a comment marker and
        put back, unchanged, once the page is HTML.
        """
        if not page.file.generated_by:
            return markdown
        stash: list[str] = []
        blocks = markdown.split("\n\n")
        for i, block in enumerate(blocks):
            if block.startswith("<") and block.rstrip().endswith(">"):
                stash.append(block)
                blocks[i] = f"<!--cop-block-{len(stash) - 1}-->"
        self._stash[page.file.src_uri] = stash
        return "\n\n".join(blocks)

    def on_page_content(self, html, page, config, files):
        stash = self._stash.pop(page.file.src_uri, None)
        if not stash:
            return html
        return _MARKER.sub(lambda m: stash[int(m.group(1))], html)

    def view_context(self, config) -> ViewContext:
        return ViewContext(kb=self.kb, urls=Urls(config.use_directory_urls), today=self.today,
                           edit_url=self.kb.config.edit_url)

    def on_post_build(self, config):
        if not self.config.precompress:
            return
        for folder, _, names in os.walk(config.site_dir):
            for name in sorted(names):
                if name.endswith(COMPRESSIBLE):
                    path = Path(folder) / name
                    # mtime=0 and no file name in the header: the same input gives the same bytes.
                    data = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
                    Path(str(path) + ".gz").write_bytes(data)
