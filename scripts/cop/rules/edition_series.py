"""Editions of one document agree on which is current.

Sources sharing a `series` are editions of one document: at most one is current,
and `superseded_by` names an edition of the same series.

Passing:

    # practices/sources.yaml
    sources:
      - {id: ep-guidelines-2024, series: ep-guidelines, current: false, superseded_by: ep-guidelines-2025, ...}
      - {id: ep-guidelines-2025, series: ep-guidelines, current: true, ...}
      - ...

Failing:

    # practices/sources.yaml
    sources:
      - {id: ep-guidelines-2024, series: ep-guidelines, current: true, ...}
      - {id: ep-guidelines-2025, series: ep-guidelines, current: true, ...}
      - ...
"""

ID = "edition-series"


def check(kb, ctx):
    current: dict[str, str] = {}
    for source in kb.sources.values():
        if source.series and source.current:
            if source.series in current:
                yield source.loc.problem(ID, f"series '{source.series}' already has a current edition: {current[source.series]}",
                                         "current", hint="set current: false on the older edition")
            else:
                current[source.series] = source.id
        if source.superseded_by:
            newer = kb.sources.get(source.superseded_by)
            if source.current:
                yield source.loc.problem(ID, f"{source.id} is superseded by {source.superseded_by} but marked current", "current")
            if newer and newer.series != source.series:
                yield source.loc.problem(ID, f"{source.id} is superseded by {newer.id}, which is not in series '{source.series}'",
                                         "superseded_by")
