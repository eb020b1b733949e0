"""A file is named after the id it holds.

`practices/EP/program-claims.yaml` holds `topic: program-claims`; a case file is
named after its `id`, and so is an office's test; a workshop folder after the workshop's `id`. Names are
what links and anchors use, so they must agree.

Passing:

    # practices/cases/ai-anomaly-detection.yaml
    id: ai-anomaly-detection

Failing:

    # practices/cases/ai-anomaly-detection.yaml
    id: anomaly-detection
"""

ID = "file-name-matches-id"


def check(kb, ctx):
    for (_, stem), entry in kb.entries.items():
        if entry.topic != stem and entry.topic in kb.topics:
            yield entry.loc.problem(ID, f"entry for topic '{entry.topic}' is in {stem}.yaml", "topic",
                                    hint=f"rename the file to {entry.topic}.yaml")
    for stem, case in kb.cases.items():
        if case.id != stem:
            yield case.loc.problem(ID, f"case id '{case.id}' does not match the file name {stem}.yaml", "id")
    for key, test in kb.tests.items():
        stem = key.split("/")[1]
        if test.id != stem:
            yield test.loc.problem(ID, f"test id '{test.id}' does not match the file name {stem}.yaml", "id")
    for folder, workshop in kb.workshops.items():
        if workshop.id != folder:
            yield workshop.loc.problem(ID, f"workshop id '{workshop.id}' does not match its folder '{folder}'", "id")
