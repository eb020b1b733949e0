"""A review status is backed by its evidence; the project itself sets only draft or verified.

- draft: `note` says what is not yet checked.
- verified: every citation records `verified_against`, the official copy it was checked in.
- reviewed: a reviewer with role `examiner` of the entry's own office.
- endorsed: a reviewer with role `office` of the entry's own office.

Passing:

    status: verified
    citations:
      - source: sg-ipos-guidelines
        pinpoint: "Ch. 5, paras 5.104-5.107"
        verified_against: https://iposinternational.com/guidelines/...

Failing:

    status: reviewed
    reviewers:
      - {name: A. Editor, role: editor, date: 2026-11-01}
"""

from . import assessments

ID = "review-status"


def check(kb, ctx):
    for item, label in assessments(kb):
        if item.status == "draft" and not item.note:
            yield item.loc.problem(ID, f"draft {label} has no note saying what is unverified", "status",
                                   hint="add note: with what remains to check")
        elif item.status == "verified":
            for citation in item.citations:
                if not citation.verified_against:
                    yield citation.loc.problem(ID, f"verified {label} has a citation without verified_against", "pinpoint",
                                               hint="add verified_against: the URL of the official copy you checked, or set status: draft")
        elif item.status in ("reviewed", "endorsed"):
            role = "examiner" if item.status == "reviewed" else "office"
            ok = [r for r in item.reviewers if r.role == role and r.office == item.office]
            if not ok:
                who = "an examiner" if role == "examiner" else "a representative"
                yield item.loc.problem(ID, f"status '{item.status}' needs a reviewer with role {role} and office {item.office}",
                                       "status", hint=f"only {who} of {item.office} may set '{item.status}'; use draft or verified")
