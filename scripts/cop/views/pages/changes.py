"""What changed: since the last data release, and in each release; and each release's frozen copy, readable."""

from __future__ import annotations

from ... import releases
from .. import urls as where
from ..fragments import label, outcome_badge
from ..practice import ViewContext
from ..safe import attr, heading, text
from ..vocabulary import OUTCOMES
from .frame import generated_page


def periods(ctx: ViewContext) -> list[tuple[str | None, str | None, dict | None, dict]]:
    """(version, previous version, copy before, copy after), newest first: what changed since the
    last release (version None), then what each release changed."""
    found = []
    versions = [r.version for r in ctx.kb.releases if r.version in ctx.frozen]
    if versions and ctx.frozen[versions[-1]] != ctx.current:
        found.append((None, versions[-1], ctx.frozen[versions[-1]], ctx.current))
    for i in range(len(versions) - 1, -1, -1):
        before = versions[i - 1] if i else None
        found.append((versions[i], before, ctx.frozen[before] if before else None, ctx.frozen[versions[i]]))
    return found


def _said(d: releases.Difference, value: str | None) -> str:
    if value is None:
        return ""
    return outcome_badge(value) if d.kind == "outcome" and value in OUTCOMES else text(value)


def difference_rows(ctx: ViewContext, page: str, changes: list[releases.Difference]) -> str:
    rows = []
    for d in changes:
        if d.kind in ("case", "outcome"):
            link = ctx.urls.link(page, where.case(d.subject), where.office_anchor(d.office) if d.office else None)
        else:
            link = ctx.urls.link(page, where.topic(d.subject), where.entry_anchor(d.office, d.subject))
        why = "".join(f"<li>{text(r)}</li>" for r in d.reasons)
        rows.append(f'<tr><td><a href="{attr(link)}">{text(d.title)}</a></td><td>{text(releases.KINDS[d.kind])}</td>'
                    f"<td>{_said(d, d.before)}</td><td>{_said(d, d.after)}</td>"
                    f"<td>{f'<ul>{why}</ul>' if why else ''}</td></tr>")
    return ('<table class="cop-table cop-changes"><thead><tr><th>Topic or case</th><th>Change</th><th>Before</th>'
            f'<th>After</th><th>Why (history)</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def changes_page(ctx: ViewContext) -> str:
    page = where.changes()
    feed = ctx.urls.link(page, where.feed())
    body = ("What changed in each office's practice: since the last data release, then release by release, "
            "office by office. Positions and outcomes are compared between the releases' frozen copies; the history "
            f'lines added in between say why. <a href="{attr(feed)}">Atom feed of these changes</a>.')
    found = periods(ctx)
    body += last_meeting(ctx, page, found)
    if not found:
        return generated_page("What changed", body + "\n\nNo data release has been made yet: `cop release VERSION` makes one.")
    for version, before, old, new in found:
        anchor = where.period_anchor(version)
        if version is None:
            release = ctx.kb.releases[-1] if ctx.kb.releases else None
            title = f"Since data release {before}" + (f" ({release.date.isoformat()})" if release else "")
        else:
            date = next(r.date for r in ctx.kb.releases if r.version == version)
            title = f"Data release {version} ({date.isoformat()})" + (f": changes since {before}" if before else ": the first")
        body += f"\n\n## {heading(title)} {{#{anchor}}}\n"
        if old is None:
            body += (f"\n\n<p>The first data release: {len(new['entries'])} entries of {len(new['offices'])} offices on "
                     f"{len(new['topics'])} topics, and {len(new['cases'])} cases.</p>")
            continue
        changes = releases.differences(old, new)
        if not changes:
            body += "\n\n<p>No change.</p>"
            continue
        for office in sorted({d.office for d in changes}, key=lambda code: (code == "", code)):  # new cases last
            name = ctx.kb.offices[office].name if office in ctx.kb.offices else office
            label = f"{name} ({office})" if office else "New cases"
            body += (f"\n\n### {heading(label)} {{#{anchor}-{(office or 'cases').lower()}}}\n\n"
                     + difference_rows(ctx, page, [d for d in changes if d.office == office]))
    return generated_page("What changed", body)


def last_meeting(ctx: ViewContext, page: str, found: list) -> str:
    """Where to start reading for a delegate: the last CoP meeting held, and the release it had."""
    held = [(w.dates["start"], w) for w in ctx.kb.workshops.values() if "start" in w.dates and w.dates["start"] <= ctx.today]
    if not held:
        return ""
    day, workshop = max(held, key=lambda h: (h[0], h[1].id))
    before = [r for r in ctx.kb.releases if r.date <= day and r.version in ctx.frozen]
    link = ctx.urls.link(page, where.workshop(workshop.id))
    said = f'\n\n<p class="cop-since-meeting">The last CoP meeting, <a href="{attr(link)}">{text(workshop.title)}</a>, began on {day.isoformat()}. '
    if not before:
        return said + "No data release had been made by then: every release below came after it.</p>"
    version = before[-1].version
    since = [(f"data release {r.version}", where.period_anchor(r.version)) for r in ctx.kb.releases
             if r.date > day and r.version in ctx.frozen]
    if any(version is None for version, *_ in found):
        since.append(("since the last release", where.period_anchor(None)))
    if not since:
        return said + f"It had data release {text(version)}, and nothing has changed since.</p>"
    links = ", ".join(f'<a href="#{attr(anchor)}">{text(label)}</a>' for label, anchor in reversed(since))
    return said + f"It had data release {text(version)}; what changed since then: {links}.</p>"


def release_page(ctx: ViewContext, version: str) -> str:
    """A release's frozen copy, as it was released: the target of a citation's permalink."""
    page, frozen = where.release(version), ctx.frozen[version]
    release = next(r for r in ctx.kb.releases if r.version == version)
    api = ctx.urls.link(page, where.api(f"releases/{version}.json"))
    body = (f"<p>The knowledge base as data release {text(version)} froze it on {release.date.isoformat()}. This page "
            f'never changes; the <a href="{attr(api)}">frozen copy as JSON</a> has SHA-256 <code>{text(release.sha256)}</code>. '
            f'For the practice as it is now, see <a href="{attr(ctx.urls.link(page, where.matrix()))}">the comparison</a>.</p>')
    offices = {o["code"]: o for o in frozen["offices"]}
    topics = {t["id"]: t for t in frozen["topics"]}
    for code in sorted({e["office"] for e in frozen["entries"]}):
        office = offices.get(code, {"name": code})
        body += f"\n\n## {heading(office['name'])} ({heading(code)}) {{#{where.office_anchor(code)}}}\n"
        for e in (e for e in frozen["entries"] if e["office"] == code):
            title = topics.get(e["topic"], {}).get("title", e["topic"])
            cites = "".join(f"<li>{text(c['title'] or c['source'])}, {text(c['edition'] or '')}: <strong>{text(c['pinpoint'])}</strong></li>"
                            for c in e["citations"])
            body += (f"\n\n### {heading(title)} {{#{where.entry_anchor(code, e['topic'])}}}\n\n"
                     f'<div class="cop-practice"><p class="cop-head"><strong>{text(e["position_label"])}</strong> '
                     f'({text(e["status"])}, last reviewed {text(e["last_reviewed"])})</p>'
                     f'<p class="cop-summary">{text(e["summary"])}</p>'
                     f'<div class="cop-detail">{ctx.markdown(page, e["detail"])}</div>'
                     f'{label("Sources")}<ul class="cop-citations">{cites}</ul></div>')
    if frozen["cases"]:
        body += "\n\n## Worked cases {#cases}\n"
        for case in frozen["cases"]:
            outcomes = "".join(f"<li><strong>{text(a['office'])}</strong>: {outcome_badge(a['outcome'])} {text(a['summary'])}</li>"
                               for a in case["analyses"])
            body += (f"\n\n### {heading(case['title'])} {{#{where.frozen_case_anchor(case['id'])}}}\n\n"
                     f'<ul class="cop-outcomes-list">{outcomes}</ul>')
    return generated_page(f"Data release {version}", body, search=False)
