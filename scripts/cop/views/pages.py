"""The generated pages, as Markdown with HTML blocks, keyed by their site path.

Headings are Markdown (so the table of contents, permalinks and search sections work)
and carry the stable anchors; everything built from contributed text is escaped or
sanitized HTML. Every page says `render_macros: false`: no contributed text ever
reaches a template engine.
"""

from __future__ import annotations

import json

from .. import rules as rule_registry
from ..model import KnowledgeBase, Topic
from . import urls as where
from .practice import ViewContext, cell, citation_html, section, status_badge
from .safe import attr, heading, text

OUTCOMES = {
    "allowable": ("Allowable", "green"),
    "eligible": ("Eligible", "teal"),
    "not-inventive": ("Not inventive", "amber"),
    "not-eligible": ("Not eligible", "red"),
    "depends": ("Depends on drafting", "purple"),
}


def _page(title: str, body: str, *, wide: bool = False) -> str:
    # The theme puts the front-matter title into the page unescaped (<title>, header), so it is
    # escaped here; JSON strings are valid YAML scalars, so any title is safe in front matter.
    hide = "hide: [navigation, toc]\n" if wide else ""
    return (f"---\ntitle: {json.dumps(text(title))}\nrender_macros: false\n{hide}---\n\n"
            f"# {heading(title)}\n\n{body.strip()}\n")


class PageCollision(ValueError):
    """Two generated pages would have the same place (an id such as `index`; rule reserved-name)."""


def build(ctx: ViewContext) -> dict[str, str]:
    kb = ctx.kb
    pages: dict[str, str] = {}

    def add(src: str, make, *args) -> None:
        if src in pages:
            raise PageCollision(f"two generated pages would be {src}; rename the id (see the rule reserved-name)")
        pages[src] = make(*args)

    add(where.matrix(), matrix, ctx)
    add(where.office_index(), office_index, ctx)
    add(where.case_index(), case_index, ctx)
    add(where.glossary(), glossary, ctx)
    add(where.worksharing(), worksharing, ctx)
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


def matrix(ctx: ViewContext) -> str:
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
    return _page("Comparison matrix", body, wide=True)


def status_table(ctx: ViewContext) -> str:
    """How many entries of each office are verified or draft, and the share of citations checked."""
    from .. import stats

    table = stats.rows(stats.by_office(ctx.kb))
    head = "".join(f"<th>{text(c)}</th>" for c in stats.COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{text(cell)}</td>" for cell in row) + "</tr>" for row in table)
    return (f'<table class="cop-table cop-status-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
            '<p class="cop-meta">Verified: every citation checked against the official text. Draft: written, not yet '
            "checked. Citations checked: those that record the official copy they were checked against.</p>")


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
        anchor = f"{office.code}-{topic.id}".lower()
        body += f"\n\n## {heading(office.name)} ({heading(office.code)}) {{#{anchor}}}\n\n"
        entry = kb.entries.get((office.code, topic.id))
        body += section(ctx, page, entry) if entry else '<p class="cop-empty">No entry yet.</p>'
    return _page(topic.title, body)


def office_index(ctx: ViewContext) -> str:
    kb, page = ctx.kb, where.office_index()
    rows = "".join(
        f'<tr><td><a href="{attr(ctx.urls.link(page, where.office(o.code)))}">{text(o.code)}</a></td>'
        f"<td>{text(o.name)}</td><td>{text(', '.join(o.groups))}</td>"
        f"<td>{sum(1 for (c, _) in kb.entries if c == o.code)} of {len(kb.topics)}</td></tr>"
        for o in kb.offices_in_order())
    body = ('<table class="cop-table"><thead><tr><th>Code</th><th>Office</th><th>Groups</th><th>Topics covered</th></tr>'
            f"</thead><tbody>{rows}</tbody></table>")
    return _page("Offices", body)


def _source_list(ctx: ViewContext, ids: list[str]) -> str:
    items = []
    for sid in ids:
        s = ctx.kb.sources.get(sid)
        if s:
            state = "current" if s.current else "superseded"
            items.append(f'<li><a href="{attr(s.url)}">{text(s.title)}</a>, {text(s.edition)} '
                         f'<span class="cop-edition-{state}">({state})</span></li>')
    return f"<ul>{''.join(items)}</ul>" if items else "<p>None recorded.</p>"


def _participation(label: str, p) -> str:
    if p is None:
        return ""
    state = "participates" if p.participates else "does not participate"
    extra = "".join(f", {text(x)}" for x in (p.role, f"since {p.since}" if p.since else None) if x)
    link = f' (<a href="{attr(p.url)}">source</a>)' if p.url else ""
    note = f" {text(p.note)}" if p.note else ""
    return f"<li><strong>{label}</strong>: {state}{extra}{link}.{note}</li>"


def worksharing_items(office) -> str:
    items = [_participation("ASPEC", office.aspec), _participation("WIPO CASE", office.wipo_case),
             _participation("Global Dossier", office.global_dossier)]
    if office.pph_partners:
        link = f' (<a href="{attr(office.pph_url)}">source</a>)' if office.pph_url else ""
        items.append(f"<li><strong>PPH partners</strong>: {text(', '.join(office.pph_partners))}{link}</li>")
    for other in office.other_worksharing:
        link = f' (<a href="{attr(other["url"])}">source</a>)' if other.get("url") else ""
        items.append(f"<li><strong>{text(other['name'])}</strong>: {text(other['note'])}{link}</li>")
    items = [i for i in items if i]
    return f"<ul>{''.join(items)}</ul>" if items else "<p>No work-sharing facts recorded yet.</p>"


def office_page(ctx: ViewContext, code: str) -> str:
    kb, page = ctx.kb, where.office(code)
    office = kb.offices[code]
    facts = [("Office", f"{text(office.name)} ({text(office.short_name)})"), ("Code", text(office.code)),
             ("Groups", text(", ".join(office.groups))),
             ("Website", f'<a href="{attr(office.website)}">{text(office.website)}</a>')]
    if office.languages:
        facts.append(("Languages", text(", ".join(office.languages))))
    rows = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts)
    body = f'<table class="cop-facts"><tbody>{rows}</tbody></table>'
    if office.note:
        body += f"\n\n<p>{text(office.note)}</p>"
    body += "\n\n## Examination guidelines {#guidelines}\n\n" + _source_list(ctx, office.guidelines)
    if office.laws:
        body += "\n\n## Law {#law}\n\n" + _source_list(ctx, office.laws)
    body += "\n\n## Work-sharing {#worksharing}\n\n" + worksharing_items(office)
    changes = sorted(((c.date, topic.title, topic.id, c.change) for topic in kb.topics_in_order()
                      for c in getattr(kb.entries.get((code, topic.id)), "history", [])), key=lambda c: (c[0], c[2]),
                     reverse=True)
    if changes:
        items = "".join(f'<li>{d.isoformat()}: <a href="#{attr(f"{code}-{tid}".lower())}">{text(title)}</a>: {text(change)}</li>'
                        for d, title, tid, change in changes)
        body += f'\n\n## Change history {{#history}}\n\n<ul class="cop-history-list">{items}</ul>'

    body += "\n\n## Practice by topic {#practice}\n"
    for topic in kb.topics_in_order():
        anchor = f"{code}-{topic.id}".lower()
        body += f"\n\n### {heading(topic.title)} {{#{anchor}}}\n\n"
        entry = kb.entries.get((code, topic.id))
        body += section(ctx, page, entry) if entry else '<p class="cop-empty">No entry yet.</p>'
    return _page(f"{office.name} ({code})", body)


def case_index(ctx: ViewContext) -> str:
    kb, page = ctx.kb, where.case_index()
    if not kb.cases:
        return _page("Worked cases", "No cases yet.")
    rows = "".join(
        f'<tr><td><a href="{attr(ctx.urls.link(page, where.case(cid)))}">{text(case.title)}</a></td>'
        f"<td>{text(', '.join(kb.topics[t].title for t in case.topics if t in kb.topics))}</td>"
        f"<td>{text(', '.join(a.office for a in case.analyses))}</td></tr>"
        for cid, case in sorted(kb.cases.items()))
    return _page("Worked cases", '<table class="cop-table"><thead><tr><th>Case</th><th>Topics</th><th>Offices</th></tr>'
                 f"</thead><tbody>{rows}</tbody></table>")


def _origin(ctx: ViewContext, case) -> str:
    if case.illustrative:
        return ('!!! note "Illustrative analysis"\n    This case was written for the Community of Practice. '
                "The analyses apply each office's published test step by step; they are illustrative and are "
                "not decisions of the offices.\n")
    source = ctx.kb.sources.get(case.origin_source or "")
    name = f'<a href="{attr(source.url)}">{text(source.title)}</a>' if source else text(case.origin_source or "")
    number = f", case {text(case.case_number)}" if case.case_number else ""
    kind = "a published comparative study" if case.origin_kind == "study" else "an official example set"
    return f'<p class="cop-origin">From {kind}: {name}{number}.</p>'


def withheld_note(lead: str = "") -> str:
    """What stands in for a case's analyses in an edition that leaves them out; `lead` is HTML."""
    return (f'<p class="cop-withheld">{lead}The offices\' analyses of this case are left out of this edition: the case '
            "is an exercise of the workshop it comes with. Facilitators have them in their guide.</p>")


def case_page(ctx: ViewContext, case_id: str) -> str:
    kb, page = ctx.kb, where.case(case_id)
    case = kb.cases[case_id]
    body = _origin(ctx, case)
    body += f'\n\n## Claim {{#claim}}\n\n<blockquote class="cop-claim">{ctx.markdown(page, case.claim)}</blockquote>'
    if case.facts:
        body += f"\n\n## Facts {{#facts}}\n\n<div>{ctx.markdown(page, case.facts)}</div>"
    if case_id in ctx.withheld:
        return _page(case.title, body + "\n\n" + withheld_note())
    rows = []
    for a in case.analyses:
        label, colour = OUTCOMES[a.outcome]
        rows.append(f'<tr><td><a href="#{a.office.lower()}">{text(a.office)}</a></td>'
                    f'<td><span class="cop-pos cop-{colour}">{label}</span></td><td>{text(a.summary)}</td>'
                    f"<td>{status_badge(a.status)}</td></tr>")
    body += ('\n\n## Outcomes side by side {#outcomes}\n\n<table class="cop-table cop-outcomes"><thead><tr><th>Office</th>'
             f"<th>Outcome</th><th>Why</th><th>Status</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
    for a in case.analyses:
        office = kb.offices.get(a.office)
        name = office.name if office else a.office
        steps = "".join(f"<li><strong>{text(s.test)}</strong>{ctx.markdown(page, s.finding)}</li>" for s in a.steps)
        cites = "".join(f"<li>{citation_html(ctx, c, full=True)}</li>" for c in a.citations)
        note = f'<p class="cop-draft-note">Not yet verified: {text(a.note)}</p>' if a.status == "draft" and a.note else ""
        body += (f"\n\n## {heading(name)} ({heading(a.office)}) {{#{a.office.lower()}}}\n\n"
                 f'<div class="cop-analysis"><p>{status_badge(a.status)} Last reviewed {a.last_reviewed.isoformat()}</p>'
                 f'<ol class="cop-steps">{steps}</ol><p class="cop-label">Sources</p><ul class="cop-citations">{cites}</ul>'
                 f"{note}</div>")
    return _page(case.title, body)


def glossary(ctx: ViewContext) -> str:
    kb, page = ctx.kb, where.glossary()
    body = ""
    for term in sorted(kb.terms.values(), key=lambda t: t.term.lower()):
        abbr = f" ({heading(term.abbreviation)})" if term.abbreviation else ""
        body += f"\n\n## {heading(term.term)}{abbr} {{#{term.id}}}\n\n<div>{ctx.markdown(page, term.definition)}</div>"
        if term.see_also:
            links = ", ".join(f'<a href="#{t}">{text(kb.terms[t].term)}</a>' for t in term.see_also if t in kb.terms)
            body += f'\n<p class="cop-see">See also: {links}</p>'
    return _page("Glossary", body or "No terms yet.")


def worksharing(ctx: ViewContext) -> str:
    kb, page = ctx.kb, where.worksharing()
    body = ("Offices share search and examination results so that each can build on the others' work. "
            "This page gathers what each office's record says about the main arrangements.\n")
    for office in kb.offices_in_order():
        link = ctx.urls.link(page, where.office(office.code), "worksharing")
        body += f"\n\n## {heading(office.name)} ({heading(office.code)}) {{#{office.code.lower()}}}\n\n"
        body += worksharing_items(office) + f'\n<p><a href="{attr(link)}">Office page</a></p>'
    return _page("Work-sharing", body)


def rules_reference() -> str:
    """The checker's rules, from their own docstrings."""
    body = ("`cop check` runs these rules. Each problem is printed as `path:line:col: rule-id: message`; "
            "rules marked *warning* do not fail the check unless `cop.yaml` raises them, and rules marked *locked* "
            "guard what the site promises: they are always errors, and `cop.yaml` cannot change them.\n")
    for rule in rule_registry.all_rules():
        doc = (rule.__doc__ or "").strip()
        summary, _, rest = doc.partition("\n")
        body += f"\n\n## {rule.ID}{rule_registry.marks(rule)} {{#{rule.ID}}}\n\n{summary}\n"
        explanation, examples = rest, ""
        if "Passing:" in rest:
            explanation, _, examples = rest.partition("Passing:")
        body += "\n" + explanation.strip() + "\n"
        if examples:
            passing, _, failing = examples.partition("Failing:")
            for label, block in (("Passing", passing), ("Failing", failing)):
                lines = [line[4:] if line.startswith("    ") else line for line in block.strip("\n").splitlines()]
                body += f"\n**{label}**\n\n```yaml\n" + "\n".join(lines).strip() + "\n```\n"
    return _page("Rules of cop check", body)


def downloads_page(ctx: ViewContext) -> str:
    from .downloads import FILES

    page = where.downloads()
    items = "".join(f'<li><a href="{attr(ctx.urls.link(page, where.download(name)))}">{text(name)}</a>: {text(what)}</li>'
                    for name, what in FILES.items())
    body = ("The whole matrix and every entry, generated from the same data as these pages, "
            f"on {ctx.today.isoformat()}.\n\n<ul>{items}</ul>")
    return _page("Downloads", body)


DATA_KINDS = [
    ("entry", "practices/<CODE>/<topic>.yaml"), ("office", "practices/<CODE>/office.yaml"),
    ("topics", "practices/topics.yaml"), ("sources", "practices/sources.yaml"), ("glossary", "practices/glossary.yaml"),
    ("case", "practices/cases/<id>.yaml"), ("workshop", "workshops/<id>/workshop.yaml"),
    ("session", "workshops/<id>/sessions/NN-slug.md (front matter)"), ("config", "cop.yaml"),
]


def _type_of(node: dict) -> str:
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"] if v is not False)
    if "oneOf" in node:
        return " or ".join(_type_of(option) for option in node["oneOf"])
    kind = node.get("type", "")
    if kind == "array":
        return "list of " + _type_of(node.get("items", {}))
    if kind == "string" and node.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if kind == "string" and str(node.get("pattern", "")).startswith("^https?"):
        return "URL"
    return {"string": "text", "object": "mapping", "integer": "whole number", "boolean": "true or false"}.get(kind, kind)


def _field_rows(node: dict, prefix: str = "") -> list[str]:
    rows = []
    required = set(node.get("required", []))
    for name, sub in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        description = (sub.get("description") or "").replace("|", "/")
        rows.append(f"| `{path}` | {_type_of(sub)} | {'yes' if name in required else ''} | {description} |")
        target = sub.get("items", {}) if sub.get("type") == "array" else sub
        if target.get("type") == "object" and "properties" in target:
            rows += _field_rows(target, path + ("[]." if sub.get("type") == "array" else "."))
    return rows


def data_reference() -> str:
    """Every file kind's fields, from the JSON Schemas the checker uses."""
    from ..schema import _document, inline

    body = ("The fields of every data file, generated from the JSON Schemas that `cop check` validates with. "
            "Editors that understand `# yaml-language-server: $schema=...` check the same rules while you type.\n")
    for kind, where_ in DATA_KINDS:
        schema = inline(_document(kind), kind)
        body += f"\n\n## {heading(schema.get('title', kind))} {{#{kind}}}\n\nFile: `{where_}`; schema `scripts/cop/schemas/{kind}.schema.json`.\n\n"
        body += "| field | value | required | meaning |\n| --- | --- | --- | --- |\n" + "\n".join(_field_rows(schema)) + "\n"
    return _page("Data reference", body)


DESIGN_NOTICE = ("This is a training design. Where it names an earlier meeting, it is modelled on that meeting; "
                 "it is not a record of that meeting's agenda.")
KINDS = {"talk": "Talk", "exercise": "Exercise", "discussion": "Discussion", "break": "Break"}


def workshop_index(ctx: ViewContext) -> str:
    kb, page = ctx.kb, where.workshop_index()
    if not kb.workshops:
        return _page("Workshops", "No workshops yet.")
    rows = "".join(
        f'<tr><td><a href="{attr(ctx.urls.link(page, where.workshop(folder)))}">{text(w.title)}</a></td>'
        f"<td>{text(w.format or '')}</td><td>{w.minutes // 60} h {w.minutes % 60:02d} min</td><td>{len(w.sessions)}</td></tr>"
        for folder, w in sorted(kb.workshops.items()))
    body = ("Workshop designs for the Community of Practice, as participants see them: agenda, objectives, "
            "sessions and exercises. Trainers export each one as a pack with `cop pack`.\n\n"
            '<table class="cop-table"><thead><tr><th>Workshop</th><th>Format</th><th>Length</th><th>Sessions</th></tr>'
            f"</thead><tbody>{rows}</tbody></table>")
    return _page("Workshops", body)


def exercise_html(ctx: ViewContext, page: str, case) -> str:
    """A case as participants meet it: the claim and the facts, and the question; never the analyses."""
    offices = ", ".join(a.office for a in case.analyses)
    facts = f'<div class="cop-facts-text">{ctx.markdown(page, case.facts)}</div>' if case.facts else ""
    return (f'<div class="cop-exercise"><p class="cop-label">Exercise: {text(case.title)}</p>'
            f'<blockquote class="cop-claim">{ctx.markdown(page, case.claim)}</blockquote>{facts}'
            f"<p>How would each of these offices decide on this claim, step by step: {text(offices)}?</p></div>")


def workshop_page(ctx: ViewContext, folder: str) -> str:
    from .. import agenda

    kb, page = ctx.kb, where.workshop(folder)
    w = kb.workshops[folder]
    body = f'!!! note "A training design"\n    {DESIGN_NOTICE}\n'
    facts = [("Format", w.format), ("Audience", w.audience), ("Venue", w.venue),
             ("Dates", " to ".join(d.isoformat() for d in w.dates.values()) if w.dates else None),
             ("Facilitators", ", ".join(w.facilitators) if w.facilitators else None),
             ("Modelled on", w.modelled_on)]
    rows = "".join(f"<tr><th>{k}</th><td>{text(v)}</td></tr>" for k, v in facts if v)
    body += f'\n<table class="cop-facts"><tbody>{rows}</tbody></table>'
    body += "\n\n## Objectives {#objectives}\n\n<ul>" + "".join(f"<li>{text(o)}</li>" for o in w.objectives) + "</ul>"
    slots = agenda.slots(w)
    agenda_rows = "".join(
        f'<tr><td>{s.start}\u2013{s.end}</td><td><a href="#{s.anchor}">{text(s.session.title)}</a></td>'
        f"<td>{KINDS[s.session.kind]}</td><td>{s.session.minutes}</td></tr>" for s in slots)
    body += ('\n\n## Agenda {#agenda}\n\n<table class="cop-table"><thead><tr><th>Time</th><th>Session</th><th>Kind</th>'
             f"<th>Minutes</th></tr></thead><tbody>{agenda_rows}</tbody></table>")
    for s in slots:
        session = s.session
        body += f"\n\n## {s.start}\u2013{s.end} {heading(session.title)} {{#{s.anchor}}}\n\n"
        parts = []
        if session.objectives:
            parts.append("<ul>" + "".join(f"<li>{text(o)}</li>" for o in session.objectives) + "</ul>")
        parts.append(f"<div>{ctx.markdown(page, agenda.participant_text(session))}</div>")
        parts += [exercise_html(ctx, page, kb.cases[c]) for c in session.cases if c in kb.cases]
        topics = [t for t in session.topics if t in kb.topics]
        if topics:
            links = ", ".join(f'<a href="{attr(ctx.urls.link(page, where.topic(t)))}">{text(kb.topics[t].title)}</a>'
                              for t in topics)
            parts.append(f'<p class="cop-see">Comparison tables: {links}</p>')
        body += '<div class="cop-session">' + "".join(parts) + "</div>"
    return _page(w.title, body)
