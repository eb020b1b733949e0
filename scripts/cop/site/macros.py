"""Macros for hand-written pages: `{{ topic_table('program-claims') }}` and the like.

They embed views of the knowledge base as HTML built by cop.views, where contributed text is
escaped or sanitized. That HTML is final: each macro hands it to the plugin's stash and returns
only a token, so neither Jinja nor the page's Markdown ever reads contributed text, inline or
as a block (cop.site.stash). The plugin renders each hand-written page with these macros in its
sandbox (cop.site.templates).
"""

from __future__ import annotations

import functools
from typing import Callable

from ..views import urls as where
from ..views.fragments import outcomes_table, withheld_note
from ..views.pages.offices import programmes_table
from ..views.practice import cell, section, test_figure
from ..views.safe import attr, text


def define(plugin) -> dict[str, Callable[..., str]]:
    """The macros, by name. `plugin` gives the view context (`view_context()`), the page being
    rendered (`page_src`, its path in docs/) and the stash."""
    found: dict[str, Callable[..., str]] = {}

    def final(function):
        """Registers `function` as a macro whose HTML goes into the page untouched."""
        @functools.wraps(function)
        def macro(*args, **kwargs) -> str:
            return plugin.stash.put(function(*args, **kwargs))

        found[function.__name__] = macro
        return macro

    def ctx_and_page():
        return plugin.view_context(), plugin.page_src

    def need(table, key, what):
        if key not in table:
            raise KeyError(f"unknown {what} '{key}'")
        return table[key]

    @final
    def topic_table(topic_id: str) -> str:
        """Every office's position on one topic, as a compact table linking to the topic page."""
        ctx, page = ctx_and_page()
        topic = need(ctx.kb.topics, topic_id, "topic")
        rows = []
        for office in ctx.kb.offices_in_order():
            cell_html = cell(ctx, page, office.code, topic.id, popover=False).replace(' id="', ' data-anchor="', 1)
            link = ctx.urls.link(page, where.office(office.code))
            rows.append(f'<tr data-office="{attr(office.code)}"><th scope="row"><a href="{attr(link)}">{text(office.code)}</a></th>{cell_html}</tr>')
        link = ctx.urls.link(page, where.topic(topic.id))
        return (f'<table class="cop-table cop-topic-table" data-cop-pin="rows"><caption><a href="{attr(link)}">{text(topic.title)}</a>: '
                f'{text(topic.question)}</caption><tbody>{"".join(rows)}</tbody></table>')

    @final
    def practice(code: str, topic_id: str) -> str:
        """One office's practice on one topic, in full."""
        ctx, page = ctx_and_page()
        need(ctx.kb.offices, code, "office")
        need(ctx.kb.topics, topic_id, "topic")
        entry = need(ctx.kb.entries, (code, topic_id), "entry")
        return section(ctx, page, entry, indexed=False)

    @final
    def case_outcomes(case_id: str) -> str:
        """A case's outcomes side by side, linking to the case page."""
        ctx, page = ctx_and_page()
        case = need(ctx.kb.cases, case_id, "case")
        title = f'<a href="{attr(ctx.urls.link(page, where.case(case_id)))}">{text(case.title)}</a>'
        if case_id in ctx.withheld:
            return withheld_note(f"{title}: ")
        return outcomes_table(case.analyses, caption=title)

    @final
    def worksharing_table(group: str | None = None) -> str:
        """Each office's participation in ASPEC, WIPO CASE and Global Dossier, and its PPH partners."""
        ctx, page = ctx_and_page()
        return programmes_table(ctx, page, group)

    @final
    def office_test(key: str) -> str:
        """An office's test as a diagram and in words: `{{ office_test('EP/eligibility') }}`."""
        ctx, page = ctx_and_page()
        return test_figure(ctx, page, need(ctx.kb.tests, key, "test"))

    @final
    def term(term_id: str) -> str:
        """A glossary term, linked to its definition."""
        ctx, page = ctx_and_page()
        t = need(ctx.kb.terms, term_id, "glossary term")
        link = ctx.urls.link(page, where.glossary(), t.id)
        label = t.abbreviation or t.term
        return f'<a class="cop-term" href="{attr(link)}" title="{attr(t.term)}">{text(label)}</a>'

    return found
