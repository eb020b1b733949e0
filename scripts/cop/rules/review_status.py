"""A review status is backed by its evidence; the project itself sets only draft or verified.

- draft: `note` says what is not yet checked.
- verified: every citation records `verified_against`, the official copy it was checked in.
- reviewed: a reviewer with role `examiner` of the entry's own office, whom that office lists
  under `reviewers` in its office.yaml with role `examiner`.
- endorsed: the same with role `office`.

The office's own list is what makes the status honest: anyone can type a reviewer into an
entry or a case, but adding a name to `practices/<CODE>/office.yaml` needs the approval of
that office's maintainers (CODEOWNERS), and examiners need no code-host account to be listed.

Passing:

    # practices/SG/eligibility-framework.yaml
    status: verified
    citations:
      - source: sg-ipos-guidelines
        pinpoint: Ch. 8, paras 8.1-8.4
        verified_against: https://iposinternational.com/guidelines/

Failing:

    # practices/SG/eligibility-framework.yaml
    status: reviewed
    reviewers:
      - {name: A. Editor, office: SG, role: editor, date: 2026-05-01}
"""

from ..model import ROLE_OF_STATUS
from . import assessments

ID = "review-status"
LOCKED = True  # a status the office never gave would carry its name


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
        elif item.status in ROLE_OF_STATUS:
            role = ROLE_OF_STATUS[item.status]
            claimed = [r for r in item.reviewers if r.role == role and r.office == item.office]
            office = kb.offices.get(item.office)
            if not claimed:
                who = "an examiner" if role == "examiner" else "a representative"
                yield item.loc.problem(ID, f"status '{item.status}' needs a reviewer with role {role} and office {item.office}",
                                       "status", hint=f"only {who} of {item.office} may set '{item.status}'; use draft or verified")
            elif office is not None and not any(office.authorises(r.name, role) for r in claimed):
                names = ", ".join(r.name for r in claimed)
                yield item.loc.problem(ID, f"status '{item.status}' names {names}, whom practices/{item.office}/office.yaml "
                                       f"does not list under reviewers with role {role}", "status",
                                       hint=f"the office adds its reviewers to its office.yaml; until then use draft or verified")
