"""MkDocs plugin `cop`: loads the knowledge base once per build and adds the generated pages in memory.

Nothing is written into docs/: pages and downloads are MkDocs generated files, and a generated
page never replaces a hand-written one. Whatever the `check` setting, the build refuses symbolic
links, renders hand-written pages in a sandbox, and keeps final HTML (macro output, generated
pages' HTML blocks) away from the Markdown engine.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.utils import get_build_date
from mkdocs.structure.files import File

from .. import kinds, load, releases, snapshot
from ..check import check_loaded, has_errors
from ..outputs import interrupt
from ..rules import symlink
from ..serving import policy as headers
from ..views import api, codehost, downloads, editions, feed, pages
from ..views import urls as where
from ..views.fragments import problems_banner
from ..views.practice import ViewContext
from ..views.urls import Urls
from . import macros
from . import searchweights
from .compress import Precompressor
from .sandbox import is_template, page_sandbox
from .stash import HtmlStash

log = get_plugin_logger(__name__)
OFFLINE_SHIM = "assets/vendor/iframe-worker/shim.js"
_SCRIPT_FILE = re.compile(r"<script\b(?![^>]*\bfetchpriority=)([^>]*\bsrc=)")
# Where the problems go: at the top of the page's text, or of the page when it has none.
_ARTICLE, _BODY = re.compile(r"<article\b[^>]*>"), re.compile(r"<body\b[^>]*>")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt")


def build_day(epoch: int | None) -> dt.date:
    """The date of EPOCH, or of MkDocs' build date (SOURCE_DATE_EPOCH or now) when there is none."""
    if epoch is None:
        return dt.date.fromisoformat(get_build_date())
    return dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc).date()


def scripts_after_paint(html: str) -> str:
    """Every script file of a page fetched at low priority.

    The scripts sit at the end of the body and run after the page has painted; fetched at the
    browser's default priority, they share a slow link with the stylesheets the first paint
    waits for. Low priority moves the home page's first paint on a 400 ms, 50 KB/s link from
    1.9 s to 1.5 s (docs/performance.md), and the scripts still run in their order.
    """
    return _SCRIPT_FILE.sub(r'<script fetchpriority="low"\1', html)


class CopConfig(Config):
    # Refuse to build from data that `cop check` finds errors in; tests of the sanitizer turn it off.
    check = opt.Type(bool, default=True)
    # Write a .gz beside each text asset so a server can send it precompressed to slow links.
    precompress = opt.Type(bool, default=True)
    # Cases shown with their claim and facts only: a workshop's exercises, in its participant pack.
    withhold_cases = opt.ListOfItems(opt.Type(str), default=[])
    # Workshops whose facilitator notes the workshop pages show: the facilitator pack's own site.
    facilitator_view = opt.ListOfItems(opt.Type(str), default=[])
    # The moment the site speaks of (seconds since 1970), set by `cop build` and `cop pack`; when
    # unset (a plain `mkdocs build` or `mkdocs serve`), MkDocs' own build date.
    epoch = opt.Optional(opt.Type(int))


class CopPlugin(BasePlugin[CopConfig]):
    kb = None
    root = None
    today = None
    compressor = None
    page_src = None  # the hand-written page being rendered, for the macros
    frozen: dict = {}  # the data releases' frozen copies, by version
    current = None  # the data as cop.snapshot writes it
    previewing = False  # under `mkdocs serve` (make preview)
    shown: list[str] = []  # the problems a preview shows at the top of every page

    def __init__(self):
        super().__init__()
        self.stash = HtmlStash()

    def on_startup(self, *, command, dirty):
        # `mkdocs serve` keeps this plugin from one rebuild to the next. A rebuild that fails
        # leaves every request of the browser waiting; so a preview never fails on the data: it
        # shows the problems on its pages, and the next save rebuilds it.
        self.previewing = command == "serve"

    # Before every other plugin's on_config, wherever `cop` is listed in mkdocs.yml: the offline
    # plugin adds a shim from a CDN in its on_config unless ours is in the list already.
    @event_priority(100)
    def on_config(self, config):
        root = Path(config.config_file_path).resolve().parent
        links = symlink.find(root)
        if links:
            # Not left to `cop check`, which a build may switch off: a link would publish its target.
            raise PluginError("symbolic links are never published; replace each with the file itself: " + ", ".join(links))
        config.markdown_extensions.append(self.stash.extension())
        self.mkdocs_config = config
        self.templates = page_sandbox(macros.define(self))
        loaded = load.load(root)
        self.today = build_day(self.config.epoch)
        self.shown = []
        if self.config.check:
            problems = check_loaded(loaded, self.today)
            if has_errors(problems):
                errors = [p.text() for p in problems if p.severity == "error"]
                if not self.previewing:
                    raise PluginError("cop check found errors; fix them before building:\n" + "\n".join(errors))
                log.warning("cop check found errors; the pages show them:\n" + "\n".join(errors))
                self.shown = errors
        self.kb, self.root = loaded.kb, root
        host = codehost.of(self.kb.config)
        if host is not None:
            # The theme's edit button on each hand-written page; generated pages have no file to edit.
            config.repo_url = host.repository
            config.edit_uri = host.docs_edit_prefix(Path(config.docs_dir).resolve().relative_to(root).as_posix())
            features = config.theme.get("features") or []
            if "content.action.edit" not in features:
                config.theme["features"] = [*features, "content.action.edit"]
        # The releases' frozen copies and the data as it is now, compared by the changes page, the
        # feed, each entry's "changed since" and "cite this", and served by the JSON API.
        # A participant edition withholds its exercise cases' analyses from all of them.
        withheld = set(self.config.withhold_cases)
        self.frozen = {v: snapshot.withholding(doc, withheld) for v, doc in releases.frozen(root, self.kb).items()}
        self.current = snapshot.withholding(snapshot.of(self.kb), withheld)
        offline = config.plugins.get("material/offline")
        if offline is not None and offline.config.enabled:
            # The offline plugin would otherwise load its iframe-worker shim from a CDN.
            config.extra["polyfills"] = [OFFLINE_SHIM]
        return config

    def on_serve(self, server, config, builder):
        """A preview rebuilds when any data file changes, whatever mkdocs.yml lists under `watch`."""
        for name in (*kinds.TOPS, *kinds.ROOT_FILES):
            if (self.root / name).exists():
                server.watch(str(self.root / name))
        return server

    def on_pre_build(self, config):
        """Checks, once every plugin's on_config has run, that none put a script from another host in the pages."""
        remote = [url for url in config.extra.get("polyfills", []) if "//" in str(url)]
        if remote:
            raise PluginError("a plugin added a script from another host, which the site never loads: " + ", ".join(remote))

    def on_files(self, files, config):
        ctx = self.view_context(config)
        try:
            generated = pages.build(ctx)
            data = {where.download(name): content
                    for name, content in downloads.build(self.kb, self.today, editions.data_version(ctx)).items()}
            data |= api.files(ctx)
            data[where.feed()] = feed.atom(ctx)
        except pages.PageCollision as exc:
            raise PluginError(str(exc)) from None
        except Exception:  # noqa: BLE001 - data with errors may break a view; the preview still shows the rest
            if not self.shown:
                raise
            return files
        for src, markdown in generated.items():
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"docs/{src} has the place of a generated page; rename or move it")
            files.append(File.generated(config, src, content=markdown))
        for path, content in data.items():
            files.append(File.generated(config, path, content=content))
        for entry in self.kb.entries.values():
            path = entry.loc.path
            files.append(File.generated(config, where.source_file(path), abs_src_path=str(self.root / path)))
        return files

    def on_page_markdown(self, markdown, page, config, files):
        """Sets the generated pages' HTML blocks aside, so the Markdown engine never reads them.

        A generated page is Markdown headings and text around HTML blocks (tables, entries) that
        are final already: contributed text in them is escaped or sanitized, and holds no blank
        line (cop.views.safe), so each block is one paragraph beginning with '<'. Parsing them
        again would be most of the cost of the page, and would give Markdown inside contributed
        text a second chance to mean something.
        """
        # A signal whose Stopped was swallowed (raised in a finalizer) stops the build here, a page later.
        interrupt.checkpoint()
        if not page.file.generated_by:
            return self.render_page(markdown, page)
        blocks = markdown.split("\n\n")
        for i, block in enumerate(blocks):
            if block.startswith("<"):
                blocks[i] = self.stash.put(block)
        return "\n\n".join(blocks)

    def render_page(self, markdown: str, page) -> str:
        """A hand-written page, its macros called, in the sandbox (cop.site.sandbox). A page whose
        front matter says `render_macros: false` is shown as written (it shows Jinja syntax)."""
        if page.meta.get("render_macros", True) is False or not is_template(markdown):
            return markdown
        self.page_src = page.file.src_uri
        try:
            return self.templates.from_string(markdown).render()
        except Exception as exc:  # noqa: BLE001 - a page's mistake, said in one line; Stopped is no Exception
            problem = f"docs/{page.file.src_uri}: {type(exc).__name__}: {exc}"
            if not self.previewing:
                raise PluginError(problem) from None
            log.warning(problem)
            self.shown.append(problem)
            return markdown
        finally:
            self.page_src = None

    def view_context(self, config=None) -> ViewContext:
        # Read at each call: the offline plugin changes use_directory_urls after our on_config.
        urls = Urls((config or self.mkdocs_config).use_directory_urls)
        return ViewContext(kb=self.kb, urls=urls, today=self.today, host=codehost.of(self.kb.config),
                           withheld=frozenset(self.config.withhold_cases),
                           facilitator_view=frozenset(self.config.facilitator_view), frozen=self.frozen, current=self.current,
                           site_url=(config or self.mkdocs_config).site_url or None)

    def on_pre_page(self, page, config, files):
        # A preview is read from the loopback address, never compressed.
        if self.config.precompress and not self.previewing and self.compressor is None:
            self.compressor = Precompressor()
            self.compressor.early(Path(config.site_dir), COMPRESSIBLE)
        return page

    # Last of every plugin's on_post_page: what it compresses is what MkDocs then writes.
    @event_priority(-100)
    def on_post_page(self, output, page, config):
        output = scripts_after_paint(self._with_problems(output))
        if self.compressor is not None and output.strip():  # MkDocs writes no empty page
            self.compressor.page(page.file.abs_dest_path, output.encode("utf-8", errors="xmlcharrefreplace"))
        return output

    def on_post_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):  # the sitemap
            return output_content
        # The 404 page, which a preview also shows for a page not built.
        return scripts_after_paint(self._with_problems(output_content))

    def _with_problems(self, html: str) -> str:
        if not self.shown:
            return html
        opened = _ARTICLE.search(html) or _BODY.search(html)
        at = opened.end() if opened else 0
        return html[:at] + problems_banner(self.shown) + html[at:]

    def on_post_build(self, config):
        site = Path(config.site_dir)
        # The theme's search plugin, listed before this one, has written its index; the offline
        # plugin, which runs last, copies it into a script.
        searchweights.reweigh(site)
        if self.config.precompress and not self.previewing:
            compressor, self.compressor = self.compressor or Precompressor(), None
            compressor.finish(site, COMPRESSIBLE)
        # Last: the policy lists the hashes of the scripts in the pages as they were written.
        headers.write(site)

    def on_build_error(self, error):
        if self.compressor is not None:
            self.compressor.close()
            self.compressor = None
