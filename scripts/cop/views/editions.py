"""What the data releases say of an entry or a case: the data's version, how to cite it, what changed.

A citation points at a release's frozen copy, which never changes (rule release-snapshot), so a
quote in a file note still says what it said. An entry changed since the last release is cited
as the data of the build's day, with the live page as its link, and the frozen text of the last
release beside it.
"""

from __future__ import annotations

import posixpath

from ..model import Release
from ..snapshot import entry_key
from . import urls as where
from .safe import attr, text


def latest(ctx) -> Release | None:
    """The newest release whose frozen copy is there."""
    return next((r for r in reversed(ctx.kb.releases) if r.version in ctx.frozen), None)


def _once(ctx, key: tuple, make):
    """What `make` gives, made once for the view context (every page of a build shares it)."""
    if key not in ctx._rendered:
        ctx._rendered[key] = make()
    return ctx._rendered[key]


def frozen_entries(ctx, version: str) -> dict[str, dict]:
    """A release's entries by OFFICE/topic."""
    return _once(ctx, ("frozen-entries", version), lambda: {entry_key(e): e for e in ctx.frozen[version]["entries"]})


def frozen_cases(ctx, version: str) -> dict[str, dict]:
    return _once(ctx, ("frozen-cases", version), lambda: {c["id"]: c for c in ctx.frozen[version]["cases"]})


def data_version(ctx) -> str:
    """The latest release, `+changes` when the data differs from it, or `unreleased`. Every API
    document says it: the whole knowledge base is compared with the frozen copy once."""
    def make() -> str:
        release = latest(ctx)
        if release is None:
            return "unreleased"
        return release.version if ctx.frozen[release.version] == ctx.current else f"{release.version}+changes"

    return _once(ctx, ("data-version",), make)


def absolute(ctx, page: str, path: str, anchor: str | None = None) -> str:
    """A link that can leave the site: from the site's URL when mkdocs.yml gives one, else relative to `page`."""
    if ctx.site_url:
        target = ctx.urls.url(path) if path.endswith(".md") else path
        return ctx.site_url.rstrip("/") + "/" + target + (f"#{anchor}" if anchor else "")
    return ctx.urls.link(page, path, anchor)


def _cite_block(words: str, link: str, more: str = "") -> str:
    return (f'<details class="cop-cite" data-search-exclude><summary>Cite this</summary><p class="cop-citation-text">{text(words)} '
            f'<a href="{attr(link)}">{text(link)}</a></p>{more}</details>')


def cite_entry(ctx, page: str, office: str, topic: str) -> str:
    """The citation of one office's practice on one topic, with a link that keeps its text."""
    name = ctx.kb.offices[office].name if office in ctx.kb.offices else office
    title = ctx.kb.topics[topic].title if topic in ctx.kb.topics else topic
    anchor = where.entry_anchor(office, topic)
    release, now = latest(ctx), _current_entry(ctx, office, topic)
    if release is not None and frozen_entries(ctx, release.version).get(f"{office}/{topic}") == now:
        link = absolute(ctx, page, where.release(release.version), anchor)
        return _cite_block(f"{name}: {title}. CII Community of Practice knowledge base, data release "
                           f"{release.version} ({release.date.isoformat()}).", link)
    link = absolute(ctx, page, where.topic(topic), anchor)
    more = ""
    if release is not None and f"{office}/{topic}" in frozen_entries(ctx, release.version):
        frozen = ctx.urls.link(page, where.release(release.version), anchor)
        more = (f'<p class="cop-meta">Changed since data release {text(release.version)}; '
                f'<a href="{attr(frozen)}">its text as released</a> does not change.</p>')
    return _cite_block(f"{name}: {title}. CII Community of Practice knowledge base, data as of "
                       f"{ctx.today.isoformat()} (not yet in a data release).", link, more)


def cite_case(ctx, page: str, case_id: str) -> str:
    case = ctx.kb.cases[case_id]
    release = latest(ctx)
    now = next((c for c in ctx.current["cases"] if c["id"] == case_id), None) if ctx.current else None
    if release is not None and frozen_cases(ctx, release.version).get(case_id) == now:
        link = absolute(ctx, page, where.release(release.version), where.frozen_case_anchor(case_id))
        return _cite_block(f"{case.title}. Worked case, CII Community of Practice knowledge base, data release "
                           f"{release.version} ({release.date.isoformat()}).", link)
    link = absolute(ctx, page, where.case(case_id))
    return _cite_block(f"{case.title}. Worked case, CII Community of Practice knowledge base, data as of "
                       f"{ctx.today.isoformat()} (not yet in a data release).", link)


def _current_entry(ctx, office: str, topic: str) -> dict | None:
    entries = _once(ctx, ("current-entries",), lambda: {entry_key(e): e for e in (ctx.current or {}).get("entries", [])})
    return entries.get(f"{office}/{topic}")


def modifications(ctx, page: str, office: str, topic: str) -> str:
    """What changed in the entry's last revision: its position and summary in the newest release
    that read otherwise, beside today's, and the history lines added since."""
    now = _current_entry(ctx, office, topic)
    if now is None:
        return ""
    for release in reversed(ctx.kb.releases):
        if release.version not in ctx.frozen:
            continue
        was = frozen_entries(ctx, release.version).get(f"{office}/{topic}")
        if was is None:
            return ""
        if (was["position"], was["summary"]) == (now["position"], now["summary"]):
            continue
        seen = {(h["date"], h["change"]) for h in was["history"]}
        why = "".join(f"<li>{text(h['date'])}: {text(h['change'])}</li>" for h in now["history"]
                      if (h["date"], h["change"]) not in seen)
        frozen = ctx.urls.link(page, where.release(release.version), where.entry_anchor(office, topic))
        return (f'<details class="cop-modified" data-search-exclude><summary>Changed since data release {text(release.version)}</summary>'
                f'<table class="cop-table"><thead><tr><th></th><th>In <a href="{attr(frozen)}">release '
                f"{text(release.version)}</a></th><th>Now</th></tr></thead><tbody>"
                f"<tr><th scope=\"row\">Position</th><td>{text(was['position_label'])}</td><td>{text(now['position_label'])}</td></tr>"
                f"<tr><th scope=\"row\">Summary</th><td>{text(was['summary'])}</td><td>{text(now['summary'])}</td></tr>"
                f"</tbody></table>{f'<ul>{why}</ul>' if why else ''}</details>")
    return ""


def relative_to(path: str, target: str) -> str:
    """A path from the folder of `path` to `target`, both relative to the site's root."""
    return posixpath.relpath(target, posixpath.dirname(path) or ".")
