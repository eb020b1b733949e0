"""Which data files a branch changed, from git: committed since BASE, staged, unstaged and untracked."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    pass


def _git(root: Path, *args: str) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git could not run: {exc}") from None
    if proc.returncode != 0:
        raise GitError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"git {' '.join(args)} failed")
    return proc.stdout


def changed_files(root: Path, base: str) -> set[str]:
    """Paths relative to `root` (forward slashes), including deleted ones."""
    prefix = _git(root, "rev-parse", "--show-prefix").strip()
    _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    names: set[str] = set()
    committed = _git(root, "diff", "--name-only", "--no-renames", f"{base}...HEAD", "--", ".") if base != "HEAD" else ""
    working = _git(root, "diff", "--name-only", "--no-renames", "HEAD", "--", ".")
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "--", ".")
    for block in (committed, working):
        for line in block.splitlines():
            if line.startswith(prefix):
                names.add(line[len(prefix):])
    names.update(line for line in untracked.splitlines() if line)
    return names
