"""The comparison matrix (every office against every topic) and one page per topic."""

from __future__ import annotations

from ... import stats
from ...model import KnowledgeBase, Topic
from .. import urls as where
from ..fragments import position_badge, search_excluded
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


def _checkboxes(items: list[tuple[str, str, str]], name: str) -> str:
    """(value, label, title) as checkboxes, each in its label."""
    return "".join(f'<label title="{attr(title)}"><input type="checkbox" name="{name}" value="{attr(value)}" checked> '
                   f"{text(label)}</label>" for value, label, title in items)


def filters(kb: KnowledgeBase) -> str:
    """The matrix's controls. They need the page's script, which shows them (hidden without it,
    since they would do nothing); every choice is kept in the URL, the pinned office in the browser."""
    offices, topics = kb.offices_in_order(), kb.topics_in_order()
    buttons = ['<button type="button" data-group="">All offices</button>']
    buttons += [f'<button type="button" data-group="{attr(g)}">{text(g)}</button>' for g in _groups(kb)]
    mine = '<option value="">none</option>' + "".join(
        f'<option value="{attr(o.code)}">{text(o.code)} ({text(o.short_name)})</option>' for o in offices)
    return f"""<div class="cop-filter" data-cop-filter hidden>
<p class="cop-row"><span class="cop-label">Offices</span> <span class="cop-groups">{"".join(buttons)}</span>
<span class="cop-offices">{_checkboxes([(o.code, o.code, o.name) for o in offices], "office")}</span></p>
<div class="cop-row"><label class="cop-label">Topics <input type="search" data-cop-topic-text size="16" placeholder="words of a topic"></label>
<details class="cop-plain"><summary>choose topics</summary>
<div class="cop-topics">{_checkboxes([(t.id, t.title, t.question) for t in topics], "topic")}</div>
<p><button type="button" data-cop-all-topics>All topics</button></p>
</details></div>
<p class="cop-row cop-switches"><label><input type="checkbox" data-cop-full> Show summaries</label>
<label><input type="checkbox" data-cop-diff> Only where the chosen offices differ</label>
<label>My office <select data-cop-mine>{mine}</select></label></p>
<p class="cop-filter-state" data-cop-state role="status"></p>
</div>"""


def matrix_page(ctx: ViewContext) -> str:
    kb, page = ctx.kb, where.matrix()
    offices, topics = kb.offices_in_order(), kb.topics_in_order()
    head = "".join(
        f'<th scope="col" data-office="{attr(o.code)}" data-groups="{attr(" ".join(o.groups))}">'
        f'<a href="{attr(ctx.urls.link(page, where.office(o.code)))}" title="{attr(o.name)}">{text(o.code)}</a></th>'
        for o in offices)
    rows = []
    for topic in topics:
        link = ctx.urls.link(page, where.topic(topic.id))
        cells = "".join(cell(ctx, page, o.code, topic.id) for o in offices)
        rows.append(f'<tr data-topic="{attr(topic.id)}"><th scope="row"><a href="{attr(link)}" title="{attr(topic.question)}">'
                    f"{text(topic.title)}</a></th>{cells}</tr>")
    # Every cell repeats an entry whose words are indexed on its topic page.
    grid = search_excluded(f"""<div class="cop-matrix-wrap" tabindex="0" role="region" aria-label="Comparison matrix">
<table class="cop-matrix" data-cop-matrix data-cop-pin="columns">
<thead><tr><th scope="col" class="cop-corner">Topic</th>{head}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</div>""")
    body = f"""
Select a position (click, tap or Enter) to read the entry's summary, its official source with
pinpoint and edition, and its review date. *Draft*: not yet checked against its source;
*Review due*: not reviewed for {kb.config.stale_after_days} days. The page's address keeps the
offices and topics you choose, so a view can be shared.

{filters(kb)}

<details class="cop-plain cop-legend-box"><summary>What each position means</summary>
{legend(ctx, topics)}
</details>

{grid}

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


def glance(ctx: ViewContext, page: str, topic: Topic) -> str:
    """A topic's row of the grid: every office's position, each linking to its entry below, and
    how many offices take each position."""
    kb, items, counts = ctx.kb, [], {}
    for office in kb.offices_in_order():
        entry = kb.entries.get((office.code, topic.id))
        anchor = where.entry_anchor(office.code, topic.id)
        if entry is None:
            badge = '<span class="cop-empty">no entry yet</span>'
            counts.setdefault(None, []).append(office.code)
        else:
            badge = position_badge(kb, entry)
            counts.setdefault(entry.position, []).append(office.code)
        items.append(f'<li data-office="{attr(office.code)}"><a href="#{anchor}" title="{attr(office.name)}">'
                     f"{text(office.code)}</a> {badge}</li>")
    tally = []
    for pos in topic.positions.values():
        if pos.id in counts:
            n = len(counts[pos.id])
            tally.append(f'<li><span class="cop-pos cop-{pos.colour}">{text(pos.label)}</span> '
                         f'{n} {"office" if n == 1 else "offices"} ({text(", ".join(counts[pos.id]))})</li>')
    for key in [k for k in counts if k is not None and k not in topic.positions]:
        tally.append(f"<li>{text(key)}: {len(counts[key])} ({text(', '.join(counts[key]))})</li>")
    if None in counts:
        tally.append(f'<li>No entry yet: {len(counts[None])} ({text(", ".join(counts[None]))})</li>')
    return search_excluded(f'<div class="cop-glance"><p class="cop-label">All offices at a glance</p>'
                           f'<ul class="cop-glance-row" data-cop-pin="items">{"".join(items)}</ul>'
                           f'<ul class="cop-tally">{"".join(tally)}</ul></div>')


def topic_page(ctx: ViewContext, topic: Topic) -> str:
    kb, page = ctx.kb, where.topic(topic.id)
    parts = [f'<p class="cop-question">{text(topic.question)}</p>']
    if topic.scope:
        parts.append(f"<p>{text(topic.scope)}</p>")
    parts.append(glance(ctx, page, topic))
    # Topics share their sets of positions; the matrix's legend is where search finds them.
    parts.append(search_excluded(legend(ctx, [topic])))
    related = [t for t in topic.related if t in kb.topics]
    if related:
        links = ", ".join(f'<a href="{attr(ctx.urls.link(page, where.topic(t)))}">{text(kb.topics[t].title)}</a>' for t in related)
        parts.append(f'<p class="cop-see" data-search-exclude>Related topics: {links}</p>')
    body = "\n\n".join(parts)
    for office in kb.offices_in_order():
        anchor = where.entry_anchor(office.code, topic.id)
        body += f"\n\n## {heading(office.name)} ({heading(office.code)}) {{#{anchor}}}\n\n"
        entry = kb.entries.get((office.code, topic.id))
        body += section(ctx, page, entry) if entry else '<p class="cop-empty">No entry yet.</p>'
    return generated_page(topic.title, body, weight="topic")
