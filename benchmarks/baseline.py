"""The yardstick: the same pages, built by plain Material for MkDocs.

The generated pages are written out as ordinary Markdown files beside the hand-written ones
(whose macro calls are replaced by what the macros return), with the same theme, extensions
and navigation, and built with only Material's search plugin. The difference to a real build
is what the knowledge-base layer costs: loading and checking the data, generating the pages
and downloads, compressing.

The configuration is derived from the project's mkdocs.yml option by option (`plain_config`):
what shapes the pages is kept, what concerns how a build runs (plugins, hooks, strictness,
what `mkdocs serve` watches, where a build writes or deploys) is left out. Every option MkDocs
knows is in one of the two sets, and a test keeps it so, so a new key in mkdocs.yml cannot
stop the yardstick the way `watch:` once did.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from types import SimpleNamespace

import yaml

# MkDocs options that shape the pages: a plain build of the same pages needs them all.
PAGES = frozenset({
    "site_name", "site_url", "site_description", "site_author", "copyright",
    "nav", "pages", "exclude_docs", "draft_docs", "not_in_nav", "validation",
    "theme", "docs_dir", "use_directory_urls", "extra_css", "extra_javascript", "extra_templates", "extra",
    "markdown_extensions", "mdx_configs",
    "repo_url", "repo_name", "edit_uri", "edit_uri_template",
})
# MkDocs options about how a build runs, not what it makes. `plugins` is replaced by its
# search entry alone; paths such as `watch` and `hooks` point at files the yardstick lacks.
BUILD = frozenset({
    "config_file_path", "plugins", "hooks", "strict", "watch", "dev_addr", "site_dir",
    "remote_branch", "remote_name", "google_analytics",
})
SEARCH = ("search", "material/search")


def generate(root: Path, out: Path, today: dt.date) -> Path:
    from cop import releases, snapshot
    from cop.load import load
    from cop.views import codehost, pages
    from cop.views.practice import ViewContext
    from cop.views.urls import Urls

    config, borrowed = plain_config(root)
    kb = load(root).kb
    docs = out / config.get("docs_dir", "docs")
    shutil.copytree(root / config.get("docs_dir", "docs"), docs)
    for name in borrowed:
        (shutil.copytree if (root / name).is_dir() else shutil.copy)(root / name, out / name)
    # As the plugin makes it: with the releases' frozen copies and the data as it is now.
    ctx = ViewContext(kb=kb, urls=Urls(config.get("use_directory_urls", True)), today=today,
                      host=codehost.of(kb.config), frozen=releases.frozen(root, kb), current=snapshot.of(kb))
    render = _macro_renderer(root, ctx)
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(render(text, page.relative_to(docs).as_posix()), encoding="utf-8")
    for src, markdown in pages.build(ctx).items():
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return out


def project_config(root: Path) -> dict:
    """mkdocs.yml as MkDocs reads it: `!ENV` resolved, an `INHERIT`ed parent merged in."""
    from mkdocs.utils.yaml import yaml_load

    with open(root / "mkdocs.yml", "rb") as stream:
        return yaml_load(stream)


def plain_config(root: Path) -> tuple[dict, list[str]]:
    """The yardstick's configuration, and the project files besides docs/ that its pages read.

    A key MkDocs does not know is dropped: MkDocs itself would only warn about it.
    """
    config = project_config(root)
    plain = {key: value for key, value in config.items() if key in PAGES}
    plugins = config.get("plugins", ["search"])
    items = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in plugins)
    plain["plugins"] = [name if options is None else {name: options}
                        for name, options in items if name in SEARCH] or ["search"]
    # A page may read a file of the project named in the configuration: CONTRIBUTING.md through
    # pymdownx.snippets' base_path, templates through the theme's custom_dir.
    docs_dir = plain.get("docs_dir", "docs")
    borrowed = sorted({value for value in _strings(plain) if value != docs_dir and _inside(root, value)})
    return plain, borrowed


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _inside(root: Path, name: str) -> bool:
    if not name or "\n" in name or Path(name).is_absolute() or ".." in Path(name).parts:
        return False
    return (root / name).exists()


def _macro_renderer(root: Path, ctx):
    """Hand-written pages rendered with the site's macros and Jinja delimiters, once, here; each
    macro's HTML goes into the Markdown itself, as it would on a site without our stash."""
    import jinja2
    from mkdocs.utils.meta import get_data

    from cop.site import macros
    from cop.site.sandbox import COMMENT, is_template

    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                               comment_start_string=COMMENT[0], comment_end_string=COMMENT[1])
    plugin = SimpleNamespace(view_context=lambda: ctx, page_src=None, stash=SimpleNamespace(put=lambda html: html))
    found = macros.define(plugin)

    def render(text: str, src: str) -> str:
        body, meta = get_data(text)
        if not is_template(body) or meta.get("render_macros", True) is False:
            return text
        plugin.page_src = src
        return text[:len(text) - len(body)] + jinja.from_string(body).render(**found)

    return render
