"""Pages generated from the project itself rather than from its entries: the checker's rules, the
data files' fields, and the downloads."""

from __future__ import annotations

from ... import kinds
from ... import rules as rule_registry
from ...schema import _document, inline
from .. import urls as where
from ..downloads import FILES
from ..practice import ViewContext
from ..safe import attr, heading, text
from .frame import generated_page


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
    return generated_page("Rules of cop check", body)


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
    body = ("The fields of every data file, generated from the JSON Schemas that `cop check` validates with. "
            "Editors that understand `# yaml-language-server: $schema=...` check the same rules while you type.\n")
    for kind, where_ in ((k.name, k.place) for k in kinds.TABLE):
        schema = inline(_document(kind), kind)
        body += f"\n\n## {heading(schema.get('title', kind))} {{#{kind}}}\n\nFile: `{where_}`; schema `scripts/cop/schemas/{kind}.schema.json`.\n\n"
        body += "| field | value | required | meaning |\n| --- | --- | --- | --- |\n" + "\n".join(_field_rows(schema)) + "\n"
    body += API_REFERENCE
    return generated_page("Data reference", body)


API_REFERENCE = """

## The JSON API {#api}

The built site serves the knowledge base as plain JSON files under `api/v1/`, so they work from
any web server and from the offline copy opened from disk:

| path | what |
| --- | --- |
| `api/v1/index.json` | the schema version, the path of every document below, and every data release (version, date, SHA-256, path) |
| `api/v1/offices/<CODE>.json` | one office |
| `api/v1/topics/<id>.json` | one topic with its positions |
| `api/v1/entries/<CODE>/<topic>.json` | one office's practice on one topic, with its citations and history |
| `api/v1/cases/<id>.json` | one worked case with each office's analysis |
| `api/v1/releases/<version>.json` | a data release's frozen copy of the whole knowledge base, byte for byte the file whose SHA-256 the release recorded |
| `api/v1/schemas/*.schema.json` | the JSON Schemas of these documents (2020-12) |

Every document but a release's says `$schema` (its schema, as a path from the document),
`data_version` (the latest release, `+changes` when the data has changed since, or `unreleased`)
and `canonical_url` (from `site_url` in mkdocs.yml when it is set, else the path in the site).
A release is made by `cop release VERSION` (a calendar version such as `2026.11`): it writes the
frozen copy `releases/<version>.json` and its line in `practices/releases.yaml`, and a bundle with
the data as JSON, CSV and XLSX, the release notes, the offline site and, with `--delta FROM`, an
update that turns release FROM's offline copy into this one's (`cop update-offline`).
"""


def downloads_page(ctx: ViewContext) -> str:
    page = where.downloads()
    items = "".join(f'<li><a href="{attr(ctx.urls.link(page, where.download(name)))}">{text(name)}</a>: {text(what)}</li>'
                    for name, what in FILES.items())
    body = ("The whole matrix and every entry, generated from the same data as these pages, "
            f"on {ctx.today.isoformat()}.\n\n<ul>{items}</ul>")
    body += "\n\n## Data releases {#releases}\n\n" + _releases(ctx, page)
    body += ("\n\n## JSON API {#api}\n\n<p>Every office, topic, entry and case as a JSON document under "
             f'<a href="{attr(ctx.urls.link(page, where.api("index.json")))}"><code>api/v1/</code></a>, described on the '
             f'<a href="{attr(ctx.urls.link(page, where.data_reference(), "api"))}">data reference</a>.</p>')
    return generated_page("Downloads", body)


def _releases(ctx: ViewContext, page: str) -> str:
    """Every data release, newest first, with its frozen copy, its JSON and what it changed."""
    if not ctx.kb.releases:
        return "<p>No data release has been made yet.</p>"
    rows = []
    for release in reversed(ctx.kb.releases):
        frozen = ctx.urls.link(page, where.release(release.version))
        data = ctx.urls.link(page, where.api(f"releases/{release.version}.json"))
        notes = ctx.urls.link(page, where.changes(), where.period_anchor(release.version))
        rows.append(f"<tr><td><a href=\"{attr(frozen)}\">{text(release.version)}</a></td><td>{release.date.isoformat()}</td>"
                    f'<td><a href="{attr(notes)}">release notes</a></td><td><a href="{attr(data)}">JSON</a></td>'
                    f"<td><code>{text(release.sha256[:16])}</code></td></tr>")
    return ('<table class="cop-table"><thead><tr><th>Release</th><th>Date</th><th>What changed</th><th>Data</th>'
            f'<th>SHA-256 (first 16)</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            "<p class=\"cop-meta\">A release's page and JSON never change: cite them. Each release's bundle (CSV, XLSX, "
            "the offline site and updates for offline copies) is made by <code>cop release</code>.</p>")
