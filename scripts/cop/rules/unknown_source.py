"""Every source cited is declared in practices/sources.yaml.

Citations name a source by id; the source carries the title, edition, date and
URL once, so an edition is corrected in one place.

Passing:

    # practices/EP/program-claims.yaml
    citations:
      - source: ep-guidelines-2025
        pinpoint: G-II, 3.3.1

Failing:

    # practices/EP/program-claims.yaml
    citations:
      - source: ep-guidelines-2052
        pinpoint: G-II, 3.3.1
"""

from . import nearest

ID = "unknown-source"


def check(kb, ctx):
    if not ctx.files.loaded("practices/sources.yaml"):
        return
    for ref in ctx.index.refs:
        if ref.kind == "source" and ref.value not in kb.sources:
            yield ref.loc.problem(ID, f"{ref.holder} cites source '{ref.value}', which practices/sources.yaml does not declare",
                                  hint=nearest(ref.value, kb.sources))
