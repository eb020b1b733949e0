"""Every entry, case analysis and question of an office's test cites an official source with a pinpoint.

Official means published by the office, a court or a legislature (`official: true`
in sources.yaml); a law-firm article or a study by others may be cited as well,
but never alone. The pinpoint (section, paragraph, article) is required by the
schema for each citation.

Passing:

    # practices/EP/program-claims.yaml
    citations:
      - source: ep-guidelines-2025      # official: true
        pinpoint: G-II, 3.6
      - source: law-firm-article        # official: false, cited beside it
        pinpoint: part 2

Failing:

    # practices/EP/program-claims.yaml
    citations:
      - source: law-firm-article        # official: false, cited alone
        pinpoint: part 2
"""

from . import cited

ID = "citation-required"


def check(kb, ctx):
    sources_ok = ctx.files.loaded("practices/sources.yaml")
    official = {key for key, source in kb.sources.items() if source.official}
    for item, label in cited(kb):
        if any(c.source in official for c in item.citations):
            continue
        known = [c for c in item.citations if c.source in kb.sources]
        if not item.citations:
            yield item.loc.problem(ID, f"{label} cites no source", "citations",
                                   hint="add citations: with source (an id from sources.yaml) and pinpoint (e.g. G-II, 3.6)")
        elif sources_ok and len(known) == len(item.citations):
            yield item.loc.problem(ID, f"{label} cites no official source (only sources with official: false)", "citations", key=True,
                                   hint="cite the office's own guidelines, law or decision as well")
