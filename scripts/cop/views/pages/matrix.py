"""The comparison matrix (every office against every topic) and one page per topic."""

from __future__ import annotations

from ... import stats
from ...model import KnowledgeBase, Topic
from .. import urls as where
from ..practice import ViewContext, cell, section
from ..safe import attr, heading, text
from .frame import generated_page


def _groups(kb: KnowledgeBase) -> list[str]:
    return sorted({g for office in kb.offices.values() for g in office.groups})


def legend(ctx: ViewContext, topics: list[Topic]) -> str:
    """Each distinct set of positions once, with colour, label and meaning."""
    seen, blocks = set(), []
    for topic in topics:
        key = topic.position_set or topic.id
        if key in seen:
            continue
        seen.add(key)
        users = [t.title for t in topics if (t.position_set or t.id) == key]
        items = "".join(f'<li><span class="cop-pos cop-{p.colour}">{text(p.label)}</span> {text(p.meaning)}</li>'
                        for p in topic.positions.values())
        blocks.append(f'<div class="cop-legend-set"><p class="cop-label">{text(", ".join(users))}</p><ul>{items}</ul></div>')
    return '<div class="cop-legend">\n' + "\n".join(blocks) + "\n</div>"


def matrix_page(ctx: ViewContext) -> str:
    kb, page = ctx.kb, where.matrix()
    offices, topics = kb.offices_in_order(), kb.topics_in_order()
    buttons = ['<button type="button" data-group="">All offices</button>']
    buttons += [f'<button type="button" data-group="{attr(g)}">{text(g)}</button>' for g in _groups(kb)]
    boxes = "".join(f'<label><input type="checkbox" value="{attr(o.code)}" checked> {text(o.code)}</label>' for o in offices)
    head = "".join(
        f'<th scope="col" data-office="{attr(o.code)}" data-groups="{attr(" ".join(o.groups))}">'
        f'<a href="{attr(ctx.urls.link(page, where.office(o.code)))}" title="{attr(o.name)}">{text(o.code)}</a></th>'
        for o in offices)
    rows = []
    for topic in topics:
        link = ctx.urls.link(page, where.topic(topic.id))
        cells = "".join(cell(ctx, page, o.code, topic.id) for o in offices)
        rows.append(f'<tr><th scope="row"><a href="{attr(link)}" title="{attr(topic.question)}">{text(topic.title)}</a></th>{cells}</tr>')
    body = f"""
Each cell gives the office's position, a one-line summary, the official source with its
pinpoint and edition, and the date the entry was last reviewed. Select a cell's position to
read the whole entry. Entries marked *Draft* have not yet been checked against their source.

<div class="cop-filter" data-cop-filter>
<p class="cop-label">Show offices</p>
<div class="cop-groups">{"".join(buttons)}</div>
<div class="cop-offices">{boxes}</div>
</div>

<div class="cop-matrix-wrap">
<table class="cop-matrix" data-cop-matrix>
<thead><tr><th scope="col">Topic</th>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</div>

## Legend

{legend(ctx, topics)}

## Review status by office {{#status}}

{status_table(ctx)}
"""
    return generated_page("Comparison matrix", body, wide=True)


def status_table(ctx: ViewContext) -> str:
    """How many entries of each office are verified or draft, and the share of citations checked."""
    table = stats.rows(stats.by_office(ctx.kb))
    head = "".join(f"<th>{text(c)}</th>" for c in stats.COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{text(cell)}</td>" for cell in row) + "</tr>" for row in table)
    return (f'<table class="cop-table cop-status-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
            '<p class="cop-meta">Verified: every citation checked against the official text. Draft: written, not yet '
            "checked. Citations checked: those that record the official copy they were checked against; of which "
            "elsewhere: read not in that copy but in a reproduction of it or in an older revision that keeps its "
            "text, as each citation says.</p>")


def topic_page(ctx: ViewContext, topic: Topic) -> str:
    kb, page = ctx.kb, where.topic(topic.id)
    parts = [f'<p class="cop-question">{text(topic.question)}</p>']
    if topic.scope:
        parts.append(f"<p>{text(topic.scope)}</p>")
    parts.append(legend(ctx, [topic]))
    related = [t for t in topic.related if t in kb.topics]
    if related:
        links = ", ".join(f'<a href="{attr(ctx.urls.link(page, where.topic(t)))}">{text(kb.topics[t].title)}</a>' for t in related)
        parts.append(f'<p class="cop-see">Related topics: {links}</p>')
    body = "\n\n".join(parts)
    for office in kb.offices_in_order():
        anchor = where.entry_anchor(office.code, topic.id)
        body += f"\n\n## {heading(office.name)} ({heading(office.code)}) {{#{anchor}}}\n\n"
        entry = kb.entries.get((office.code, topic.id))
        body += section(ctx, page, entry) if entry else '<p class="cop-empty">No entry yet.</p>'
    return generated_page(topic.title, body)
