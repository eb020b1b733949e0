"""A workshop's sessions exist and are listed once.

Every file named under `sessions:` in workshop.yaml must exist; every Markdown
file in the workshop's sessions/ folder must be listed (or it would silently
drop out of the agenda). The facilitator blocks inside a session are the rule
session-block's.

Passing:

    # workshops/demo/workshop.yaml
    sessions:
      - sessions/01-opening.md
      - sessions/02-exercise.md

Failing:

    # workshops/demo/workshop.yaml
    sessions:
      - sessions/01-opening.md
      - sessions/01-opening.md
      - sessions/03-missing.md
"""

from pathlib import Path

from ..problems import Problem

ID = "workshop-session"


def check(kb, ctx):
    for folder, workshop in sorted(kb.workshops.items()):
        base = ctx.files.root / "workshops" / folder
        seen = set()
        for i, rel in enumerate(workshop.session_paths):
            norm = Path(rel).as_posix()
            if norm in seen:
                yield workshop.loc.problem(ID, f"session {rel} is listed twice", "sessions", i)
            seen.add(norm)
            if ".." in Path(rel).parts or Path(rel).is_absolute() or (base / rel).is_symlink():
                continue  # workshop-path or symlink reports it
            if not (base / rel).is_file():
                yield workshop.loc.problem(ID, f"session file {rel} does not exist in workshops/{folder}/", "sessions", i)
        sessions_dir = base / "sessions"
        if sessions_dir.is_dir():
            for path in sorted(sessions_dir.glob("*.md")):
                if f"sessions/{path.name}" not in seen and not path.is_symlink():
                    yield Problem(f"workshops/{folder}/sessions/{path.name}", 1, 1, ID,
                                  "session file is not listed in workshop.yaml", hint="add it to sessions: or delete it")
