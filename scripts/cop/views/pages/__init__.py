"""The generated pages, as Markdown with HTML blocks, keyed by their site path.

Headings are Markdown (so the table of contents, permalinks and search sections work)
and carry the stable anchors; everything built from contributed text is escaped or
sanitized HTML. Every page says `render_macros: false`: no contributed text ever
reaches a template engine. One module a family of pages; the frame they share is `frame`.
"""

from __future__ import annotations

from .. import diagrams
from .. import urls as where
from ..practice import ViewContext
from .cases import case_index, case_page
from .glossary import glossary_page
from .matrix import matrix_page, topic_page
from .offices import office_index, office_page, worksharing_page
from .reference import data_reference, downloads_page, rules_reference
from .changes import changes_page, release_page
from .tests import tests_page
from .workshops import workshop_index, workshop_page

__all__ = ["PageCollision", "build"]


class PageCollision(ValueError):
    """Two generated pages would have the same place (an id such as `index`; rule reserved-name)."""


def build(ctx: ViewContext) -> dict[str, str]:
    kb = ctx.kb
    pages: dict[str, str] = {}
    diagrams.draw_ahead(diagrams.every_drawing(kb))

    def add(src: str, make, *args) -> None:
        if src in pages:
            raise PageCollision(f"two generated pages would be {src}; rename the id (see the rule reserved-name)")
        pages[src] = make(*args)

    add(where.matrix(), matrix_page, ctx)
    add(where.office_index(), office_index, ctx)
    add(where.case_index(), case_index, ctx)
    add(where.glossary(), glossary_page, ctx)
    add(where.tests(), tests_page, ctx)
    if ctx.current is not None:
        add(where.changes(), changes_page, ctx)
        for version in ctx.frozen:
            add(where.release(version), release_page, ctx, version)
    add(where.worksharing(), worksharing_page, ctx)
    add(where.rules(), rules_reference)
    add(where.data_reference(), data_reference)
    add(where.downloads(), downloads_page, ctx)
    for topic in kb.topics_in_order():
        add(where.topic(topic.id), topic_page, ctx, topic)
    for code in sorted(kb.offices):
        add(where.office(code), office_page, ctx, code)
    for case_id in sorted(kb.cases):
        add(where.case(case_id), case_page, ctx, case_id)
    add(where.workshop_index(), workshop_index, ctx)
    for folder in sorted(kb.workshops):
        add(where.workshop(folder), workshop_page, ctx, folder)
    return pages
