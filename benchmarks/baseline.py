"""The yardstick: the same pages, built by plain Material for MkDocs.

The generated pages are written out as ordinary Markdown files beside the hand-written ones
(whose macro calls are replaced by what the macros return), with the same theme, extensions
and navigation, and built with only Material's search plugin. The difference to a real build is what the knowledge-base layer
costs: loading and checking the data, generating the pages and downloads, compressing.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import yaml


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: None)


def generate(root: Path, out: Path, today: dt.date) -> Path:
    from cop.load import load
    from cop.views import pages
    from cop.views.practice import ViewContext
    from cop.views.urls import Urls

    kb, _ = load(root)
    docs = out / "docs"
    shutil.copytree(root / "docs", docs)
    ctx = ViewContext(kb=kb, urls=Urls(True), today=today, edit_url=kb.config.edit_url)
    for page in docs.rglob("*.md"):
        src = page.relative_to(docs).as_posix()
        text = page.read_text(encoding="utf-8")
        if "{{" in text and "render_macros: false" not in text:
            macros = _macros(ctx, src)
            text = re.sub(r"\{\{(.*?)\}\}", lambda m, macros=macros: str(eval(m.group(1), {}, macros)), text)  # our own pages
        page.write_text(text, encoding="utf-8")
    for src, markdown in pages.build(ctx).items():
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    for name in ("CONTRIBUTING.md",):
        if (root / name).exists():
            shutil.copy(root / name, out / name)
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    config["plugins"] = ["search"]
    config.pop("strict", None)
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return out


def _macros(ctx, src: str) -> dict:
    """The site's macros, bound to one page, without MkDocs."""
    from types import SimpleNamespace

    from cop.site import macros

    found: dict = {}
    env = SimpleNamespace(conf={"plugins": {"cop": SimpleNamespace(view_context=lambda conf: ctx)}},
                          page=SimpleNamespace(file=SimpleNamespace(src_uri=src)),
                          macro=lambda f: found.setdefault(f.__name__, f))
    macros.define_env(env)
    return found
