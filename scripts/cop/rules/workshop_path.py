"""A workshop refers only to files inside its own folder.

Session paths are relative to workshops/<id>/ and may not be absolute or climb
out with `..`: a pack must never pick up a file from elsewhere on the machine.

Passing:

    # workshops/demo/workshop.yaml
    sessions:
      - sessions/01-opening.md
      - sessions/02-exercise.md

Failing:

    # workshops/demo/workshop.yaml
    sessions:
      - ...
      - ../other-workshop/sessions/01-opening.md
      - /etc/passwd.md
"""

from pathlib import PurePosixPath

ID = "workshop-path"


def check(kb, ctx):
    for folder, workshop in sorted(kb.workshops.items()):
        base = (ctx.files.root / "workshops" / folder).resolve()
        for i, rel in enumerate(workshop.session_paths):
            pure = PurePosixPath(rel)
            if pure.is_absolute() or rel.startswith("\\") or ":" in pure.parts[0]:
                yield workshop.loc.problem(ID, f"session path {rel} is absolute", "sessions", i,
                                           hint="write it relative to the workshop folder, e.g. sessions/01-opening.md")
            elif ".." in pure.parts or not (base / rel).resolve().is_relative_to(base):
                yield workshop.loc.problem(ID, f"session path {rel} leaves the workshop folder", "sessions", i,
                                           hint="copy the session into this workshop's sessions/ folder")
