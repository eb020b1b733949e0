"""HTML of one practice entry (a matrix cell, a full section on topic and office pages) and of an office's test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Entry, KnowledgeBase, OfficeTest, Question
from . import diagrams, editions, links
from .codehost import CodeHost
from . import urls as where
from .fragments import citation, label, position_badge, search_excluded, status_badge
from .safe import attr, markdown_html, text
from .urls import Urls
from .vocabulary import position


ROOT = "__cop_root__/"  # stands for "the site root, as seen from this page" in cached HTML


@dataclass(frozen=True)
class ViewContext:
    kb: KnowledgeBase
    urls: Urls
    today: dt.date
    host: CodeHost | None = None  # the repository's code host, from cop.yaml
    # Cases whose analyses this edition leaves out: a workshop's own exercises, in its participant pack.
    withheld: frozenset[str] = frozenset()
    # Workshops whose facilitator notes this edition shows: the facilitator pack's own site.
    facilitator_view: frozenset[str] = frozenset()
    # The data releases' frozen copies (version -> cop.snapshot document), and the data as it is now.
    frozen: dict = field(default_factory=dict, compare=False, repr=False)
    current: dict | None = field(default=None, compare=False, repr=False)
    site_url: str | None = None
    _rendered: dict = field(default_factory=dict, compare=False, repr=False)

    def markdown(self, page: str, source: str | None) -> str:
        """Contributed Markdown as safe HTML for `page`.

        An entry's text appears on its topic page and its office page alike, so each text is
        rendered once with links from the site root, and the root is then written as seen
        from the page that shows it.
        """
        if not source:
            return ""
        html = self._rendered.get(source)
        if html is None:
            html = self._rendered[source] = markdown_html(source, self.resolver(None))
        return html.replace(ROOT, self.urls.root_prefix(page))

    def stale(self, reviewed: dt.date) -> bool:
        return (self.today - reviewed).days > self.kb.config.stale_after_days

    def resolver(self, page: str | None):
        """Resolves knowledge-base references in contributed Markdown on `page` (None: from the root marker)."""
        kb, urls = self.kb, self.urls

        def resolve(scheme: str, value: str) -> str | None:
            place = links.place(kb, scheme, value)
            if place is None:
                return None
            if place.url is not None:
                return place.url
            if page is None:
                return ROOT + urls.url(place.page) + (f"#{place.anchor}" if place.anchor else "")
            return urls.link(page, place.page, place.anchor)

        return resolve

    def source_links(self, page: str, path: str, name: str) -> str:
        """Where a reader corrects `name` (an entry, a case): the code host's editor for its file
        and a prefilled issue form naming it; with no repository in cop.yaml, the contributing page
        for both. The file itself is shipped with the site and downloads under its own name."""
        if self.host:
            body = (f"About {name} (file {path}"
                    + (f", page {self.site_url.rstrip('/')}/{self.urls.url(page)}" if self.site_url else "")
                    + "):\n\nWhat is wrong or missing, and the official source (with pinpoint and edition) that says so:\n")
            edit_href, report_href = self.host.edit(path), self.host.report(f"{name}: ", body)
        else:
            edit_href = report_href = self.urls.link(page, where.contributing())
        yaml_href = self.urls.link(page, where.source_file(path))
        filename = path.rsplit("/", 1)[-1]
        return (f'<a class="cop-edit" href="{attr(edit_href)}" title="{attr(path)}">Edit this entry</a> · '
                f'<a class="cop-report" href="{attr(report_href)}">Report a problem</a> · '
                f'<a class="cop-yaml" href="{attr(yaml_href)}" download="{attr(filename)}">YAML</a>')


def stale_badge(ctx: ViewContext, reviewed: dt.date) -> str:
    if ctx.stale(reviewed):
        return (f'<span class="cop-stale" title="last reviewed more than {ctx.kb.config.stale_after_days} days ago">'
                "Review due</span>")
    return ""


def cell(ctx: ViewContext, page: str, code: str, topic_id: str, *, popover: bool = True) -> str:
    """One grid cell; its id is the entry's stable anchor.

    The cell shows the position's label and the draft and review-due marks; the summary, the first
    official source with its pinpoint and edition, and the review date are in a popover the label
    opens (by mouse, touch or keyboard: the browser's own popover, no script), which a grid's "show
    summaries" switch shows in the cell itself (the popover closes with Escape or a tap beside it).
    On a phone the cell shows its office's code before the label (from data-office, by CSS). popover=False: the same details always in the cell
    (a chapter's table, where nothing is to be opened).
    """
    anchor = where.entry_anchor(code, topic_id)
    entry = ctx.kb.entries.get((code, topic_id))
    if entry is None:
        return (f'<td id="{anchor}" class="cop-cell cop-missing" data-office="{attr(code)}" data-position="">'
                '<span class="cop-empty">no entry yet</span></td>')
    pos = position(ctx.kb, entry)
    link = ctx.urls.link(page, where.topic(topic_id), anchor)
    marks = "".join(b for b in (status_badge(entry.status) if entry.status == "draft" else "",
                                stale_badge(ctx, entry.last_reviewed)) if b)
    # The first official citation stands for the entry in the cell; the topic page lists them all.
    official = [c for c in entry.citations if c.source in ctx.kb.sources and ctx.kb.sources[c.source].official]
    first = (official or entry.citations)[:1]
    more = len(entry.citations) - len(first)
    sources = "".join(citation(ctx.kb.sources, c, detail="pinpoint") for c in first) + (f" +{more} more" if more else "")
    details = (f'<span class="cop-sum">{text(entry.summary)}</span>'
               f'<span class="cop-src">{sources}</span>'
               f'<span class="cop-date">reviewed {entry.last_reviewed.isoformat()}</span>')
    opening = f'<td id="{anchor}" class="cop-cell cop-{pos.colour}" data-office="{attr(code)}" data-position="{attr(pos.id)}">'
    if not popover:
        badge = f'<a class="cop-pos cop-{pos.colour}" href="{attr(link)}" title="{attr(pos.meaning)}">{text(pos.label)}</a>'
        return f"{opening}{badge}{marks}{details}</td>"
    # Every byte here is paid 255 times on the matrix: the legend says what a position means, and
    # the popover names its office and topic by code and title only.
    topic = ctx.kb.topics[topic_id]
    pop = f"pop-{anchor}"
    return (f'{opening}<button type="button" class="cop-pos cop-{pos.colour}" popovertarget="{pop}">'
            f"{text(pos.label)}</button>{marks}"
            f'<div class="cop-pop" id="{pop}" popover role="dialog" aria-label="{attr(code)}: {attr(topic.title)}">'
            f'<strong class="cop-pop-head">{text(code)} · {text(topic.title)}: {text(pos.label)}</strong>{details}'
            f'<a class="cop-full-entry" href="{attr(link)}">Read the full entry</a></div></td>')


def section(ctx: ViewContext, page: str, entry: Entry, *, indexed: bool = True) -> str:
    """The full entry as an HTML block (the heading that carries the anchor is written by the page).

    indexed=False: a copy beside the one the search index holds (the topic page's), so that each
    entry's words are indexed once."""
    parts = [
        '<div class="cop-practice">',
        f'<p class="cop-head" data-search-exclude>{position_badge(ctx.kb, entry)} {status_badge(entry.status)}{stale_badge(ctx, entry.last_reviewed)}</p>',
        f'<p class="cop-summary">{text(entry.summary)}</p>',
    ]
    if entry.detail:
        parts.append(f'<div class="cop-detail">{ctx.markdown(page, entry.detail)}</div>')
    if entry.applies:
        parts.append(f'<p class="cop-applies">General provision that applies: {text(entry.applies)}</p>')
    if entry.citations:
        items = "".join(f"<li>{citation(ctx.kb.sources, c, detail='full')}</li>" for c in entry.citations)
        parts.append(f'{label("Sources")}<ul class="cop-citations">{items}</ul>')
    if entry.status == "draft" and entry.note:
        parts.append(f'<p class="cop-draft-note">Not yet verified: {text(entry.note)}</p>')
    meta = [f"Last reviewed {entry.last_reviewed.isoformat()}"]
    if entry.effective_since:
        meta.append(f"in practice since {entry.effective_since.isoformat()}")
    if entry.reviewers:
        meta.append("reviewed by " + ", ".join(f"{text(r.name)} ({text(r.office or '')} {text(r.role)}, {r.date.isoformat()})"
                                                for r in entry.reviewers))
    meta.append(ctx.source_links(page, entry.loc.path, f"{entry.office}/{entry.topic}"))
    parts.append(f'<p class="cop-meta" data-search-exclude>{" · ".join(meta)}</p>')
    if entry.see_also:
        see = ", ".join(f'<a href="{attr(ctx.urls.link(page, where.topic(t)))}">{text(ctx.kb.topics[t].title)}</a>'
                        for t in entry.see_also if t in ctx.kb.topics)
        parts.append(f'<p class="cop-see" data-search-exclude>See also: {see}</p>')
    if entry.history:
        items = "".join(f"<li>{c.date.isoformat()}: {text(c.change)}</li>" for c in sorted(entry.history, key=lambda c: c.date))
        parts.append(f'<details class="cop-history" data-search-exclude><summary>History</summary><ul>{items}</ul></details>')
    if ctx.current is not None:
        parts.append(editions.modifications(ctx, page, entry.office, entry.topic))
        parts.append(editions.cite_entry(ctx, page, entry.office, entry.topic))
    parts.append("</div>")
    return "\n".join(parts) if indexed else search_excluded("\n".join(parts))


def test_figure(ctx: ViewContext, page: str, test: OfficeTest, walk: Sequence[str] = (), *, indexed: bool = False) -> str:
    """An office's test on a page of the site: the diagram (each question linking to the topic that
    explains it, or to its place in the list), the list beside it, status and sources; `walk`,
    the questions a case passes, stands out in both."""
    def link(node: Question) -> str:
        if node.topics and node.topics[0] in ctx.kb.topics:
            return ctx.urls.link(page, where.topic(node.topics[0]), where.entry_anchor(test.office, node.topics[0]))
        return f"#{diagrams.step_anchor(test, node.id)}"

    def extra(node: Question) -> str:
        found = [f'<a href="{attr(ctx.urls.link(page, where.topic(t), where.entry_anchor(test.office, t)))}">'
                 f"{text(ctx.kb.topics[t].title)}</a>" for t in node.topics if t in ctx.kb.topics]
        found += [f'<a href="{attr(ctx.urls.link(page, where.case(c), where.office_anchor(test.office)))}">'
                  f"{text(ctx.kb.cases[c].title)}</a> (case)" for c in node.cases if c in ctx.kb.cases]
        return f'<p class="cop-meta">See: {", ".join(found)}</p>' if found else ""

    return diagrams.figure(test, ctx.kb.sources, link=link, walk=walk, extra=extra,
                           detail=lambda source: ctx.markdown(page, source), indexed=indexed)
