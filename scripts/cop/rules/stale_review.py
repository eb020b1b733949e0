"""An entry whose last review is older than the threshold is stale.

The threshold is `stale_after_days` in cop.yaml (730 days by default); the site
marks stale cells the same way.

Passing:

    # practices/EP/program-claims.yaml
    last_reviewed: 2026-05-01

Failing:

    # practices/EP/program-claims.yaml
    last_reviewed: 2019-01-07
"""

import datetime as dt

from . import assessments

ID = "stale-review"
SEVERITY = "warning"


def check(kb, ctx):
    limit = ctx.today - dt.timedelta(days=ctx.config.stale_after_days)
    for item, label in assessments(kb):
        if item.last_reviewed < limit:
            age = (ctx.today - item.last_reviewed).days
            yield item.loc.problem(ID, f"{label} was last reviewed {age} days ago (threshold {ctx.config.stale_after_days})",
                                   "last_reviewed", hint="re-check the citations and update last_reviewed")
