"""The changes as an Atom feed (feedgen): one entry per change, with an id that a later build keeps."""

from __future__ import annotations

import datetime as dt
import hashlib

from .. import releases
from . import editions
from . import urls as where
from .pages.changes import periods


def atom(ctx) -> bytes:
    from feedgen.feed import FeedGenerator

    page = where.feed()
    home = editions.absolute(ctx, page, where.changes())
    authority = "cii-cop"  # a tag URI's authority: stable whatever host serves the site
    feed = FeedGenerator()
    feed.id(f"tag:{authority},2026:changes")
    feed.title("CII Community of Practice: what changed in the offices' practice")
    feed.link(href=home, rel="alternate")
    feed.language("en")
    newest = ctx.today
    entries = []
    for version, before, old, new in periods(ctx):
        if old is None:
            continue
        release = next((r for r in ctx.kb.releases if r.version == version), None)
        when = release.date if release else ctx.today
        for d in releases.differences(old, new):
            # Who changed what into what: the same change keeps its id once it is released.
            key = "\x1f".join((d.kind, d.office, d.subject, d.before or "", d.after or ""))
            ident = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
            anchor = where.period_anchor(version) + (f"-{(d.office or 'cases').lower()}")
            entries.append((when, ident, d, editions.absolute(ctx, page, where.changes(), anchor), version))
    for when, ident, d, link, version in sorted(entries, key=lambda e: (e[0], e[1])):
        item = feed.add_entry(order="append")
        item.id(f"tag:{authority},2026:change/{ident}")
        who = f"{d.office}: " if d.office else ""
        change = f"{d.before} → {d.after}" if d.before and d.after else (d.after or d.before or "")
        item.title(f"{who}{d.title}: {releases.KINDS[d.kind].lower()}, {change}")
        item.link(href=link)
        moment = dt.datetime.combine(when, dt.time(), tzinfo=dt.timezone.utc)
        item.updated(moment)
        item.published(moment)
        said = [f"{releases.KINDS[d.kind]} ({'since the last release' if version is None else 'release ' + version})."]
        said += list(d.reasons)
        item.content(" ".join(said), type="text")
    stamp = dt.datetime.combine(max([newest] + [e[0] for e in entries]), dt.time(), tzinfo=dt.timezone.utc)
    feed.updated(stamp)
    feed.generator("cop")
    return feed.atom_str(pretty=True)
