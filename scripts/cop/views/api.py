"""The static JSON API under api/v1/: plain files, so it works from any server and from file://.

Each document holds one office, topic, entry or case (as cop.snapshot writes them), its `$schema`
(the published JSON Schema, as a path from the document), the data's version and its canonical
URL; the index lists them all and the data releases, whose frozen copies are served as they are.
"""

from __future__ import annotations

from .. import snapshot
from . import editions
from . import urls as where

def _canonical(ctx, path: str) -> str:
    return ctx.site_url.rstrip("/") + "/" + path if ctx.site_url else path


def _served(ctx, path: str, schema: str, key: str | None, doc) -> bytes:
    body = {"$schema": editions.relative_to(path, where.api(f"schemas/{schema}.schema.json")),
            "data_version": editions.data_version(ctx), "canonical_url": _canonical(ctx, path)}
    if key is None:
        body.update(doc)
    else:
        body[key] = doc
    return snapshot.dumps(body)


def files(ctx) -> dict[str, bytes]:
    """Every file of the API, by its path in the site."""
    current = ctx.current
    found: dict[str, bytes] = {}
    listed: dict[str, list[str]] = {"offices": [], "topics": [], "entries": [], "cases": []}

    def add(group: str, name: str, schema: str, doc) -> None:
        path = where.api(f"{group}/{name}.json")
        found[path] = _served(ctx, path, schema, schema, doc)
        listed[group].append(path)

    for office in current["offices"]:
        add("offices", office["code"], "office", office)
    for topic in current["topics"]:
        add("topics", topic["id"], "topic", topic)
    for entry in current["entries"]:
        add("entries", snapshot.entry_key(entry), "entry", entry)
    for case in current["cases"]:
        add("cases", case["id"], "case", case)
    released = []
    # A participant edition's copies lack its exercises' analyses: not the frozen bytes, so not served.
    for release in ([] if ctx.withheld else ctx.kb.releases):
        if release.version in ctx.frozen:
            path = where.api(f"releases/{release.version}.json")
            found[path] = snapshot.dumps(ctx.frozen[release.version])  # the frozen bytes, whose SHA-256 the index gives
            released.append({"version": release.version, "date": release.date.isoformat(), "sha256": release.sha256,
                              "path": path})
    index = where.api("index.json")
    found[index] = _served(ctx, index, "index", None, {"schema_version": snapshot.SCHEMA_VERSION, **listed,
                                                        "releases": released})
    for name, data in snapshot.schemas().items():
        found[where.api(f"schemas/{name}")] = data
    return found
