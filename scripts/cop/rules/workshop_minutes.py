"""A workshop's session minutes add up to its agenda.

`minutes` in workshop.yaml is the length of the agenda; the agenda's times are
computed from `start` and each session's `minutes`, so they must agree.

Passing:

    # workshops/demo/workshop.yaml
    start: "09:00"
    minutes: 75          # sessions of 15 + 60 minutes

Failing:

    # workshops/demo/workshop.yaml
    start: "09:00"
    minutes: 90          # sessions of 15 + 60 minutes
"""

ID = "workshop-minutes"


def check(kb, ctx):
    for _, workshop in sorted(kb.workshops.items()):
        if len(workshop.sessions) != len(workshop.session_paths):
            continue  # a session is missing or broken; that is reported where it is
        total = sum(s.minutes for s in workshop.sessions)
        if total != workshop.minutes:
            yield workshop.loc.problem(ID, f"sessions add up to {total} minutes but the agenda says {workshop.minutes}",
                                       "minutes", hint=f"set minutes: {total} or adjust the sessions")
