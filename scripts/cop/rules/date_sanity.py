"""Dates are not in the future, and a practice takes effect before it is reviewed.

Applies to last_reviewed, effective_since, history, reviewer and source dates;
a workshop may be planned ahead, but it cannot end before it starts.

Passing:

    # practices/EP/eligibility-framework.yaml
    effective_since: 2024-03-01
    last_reviewed: 2026-05-01

Failing:

    # practices/EP/eligibility-framework.yaml
    effective_since: 2026-11-01
    last_reviewed: 2031-01-01
"""

from . import assessments

ID = "date-sanity"


def _future(loc, field, value, today, *within):
    """A problem when `value` is after today, at `field` (under `within`) of `loc`."""
    if value and value > today:
        return loc.problem(ID, f"{field} {value.isoformat()} is in the future", *within, *field.split("."))
    return None


def check(kb, ctx):
    today = ctx.today
    for item, _ in assessments(kb):
        found = [_future(item.loc, "last_reviewed", item.last_reviewed, today)]
        found += [_future(item.loc, "date", r.date, today, "reviewers", i) for i, r in enumerate(item.reviewers)]
        effective = getattr(item, "effective_since", None)
        found.append(_future(item.loc, "effective_since", effective, today))
        if effective and effective > item.last_reviewed:
            found.append(item.loc.problem(ID, f"effective_since {effective} is after last_reviewed {item.last_reviewed}",
                                          "effective_since"))
        for change in getattr(item, "history", []):
            found.append(_future(change.loc, "date", change.date, today))
        yield from (p for p in found if p)
    for source in kb.sources.values():
        problem = _future(source.loc, "date", source.date, today)
        if problem:
            yield problem
    for workshop in kb.workshops.values():
        start, end = workshop.dates.get("start"), workshop.dates.get("end")
        if start and end and end < start:
            yield workshop.loc.problem(ID, f"workshop ends ({end}) before it starts ({start})", "dates", "end")
