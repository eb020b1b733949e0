"""Which data files a branch changed, from git: committed since BASE, staged, unstaged and untracked."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitError(Exception):
    pass


def _git(root: Path, *args: str) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git could not run: {exc}") from None
    if proc.returncode != 0:
        stderr = proc.stderr.decode("utf-8", "replace").strip()
        raise GitError(stderr.splitlines()[-1] if stderr else f"git {' '.join(args)} failed")
    return proc.stdout


def _paths(output: bytes) -> set[str]:
    # Without -z git quotes any path with a byte outside ASCII ("caf\303\251.yaml"), which then
    # names no file; NUL-separated output is the path itself, decoded as the file system does.
    return {os.fsdecode(name) for name in output.split(b"\0") if name}


def changed_files(root: Path, base: str) -> set[str]:
    """Paths relative to `root` (forward slashes), including deleted ones.

    Renames are not followed: a renamed file is its old path (deleted) and its new one (added),
    since files may refer to either.
    """
    # Verified first, so that a BASE such as "--output=x" is refused before it reaches a diff.
    _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    diff = ("diff", "--name-only", "-z", "--no-renames", "--relative")
    names: set[str] = set()
    if base != "HEAD":
        names |= _paths(_git(root, *diff, f"{base}...HEAD", "--", "."))
    names |= _paths(_git(root, *diff, "HEAD", "--", "."))
    names |= _paths(_git(root, "ls-files", "-z", "--others", "--exclude-standard", "--", "."))
    return names
