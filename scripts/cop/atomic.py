"""Writing files so that a reader sees the old content or the new, never half of either."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from .outputs import interrupt
from .outputs.scratch import PREFIX


def write_bytes(path: Path, data: bytes) -> None:
    write_all({path: data})


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary beside it, and only when all are complete rename them into
    place: a full disk or a signal leaves every previous file as it was, and no temporary."""
    temporaries: list[Path] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f"{PREFIX}{path.name}-{secrets.token_hex(6)}.tmp")
            temporaries.append(temporary)  # before it exists, so that cleanup cannot miss it
            # "x": a new file with the mode any new file gets (umask), never an existing one.
            with open(temporary, "xb") as handle:
                handle.write(data)
        interrupt.checkpoint()  # a signal that a library swallowed still keeps the old files
        with interrupt.deferred():
            for temporary, path in zip(temporaries, files):
                os.replace(temporary, path)
    except BaseException:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
        raise
