"""No symbolic links where cop or the site reads files, files and folders alike.

A link under docs/ would publish whatever it points at (the build's environment through
/proc/self/environ, a password file); under practices/ or workshops/ it would bring in a file
nobody reviewed. cop and the site never follow one: replace the link with the file itself.
The same holds for the files at the root that the site reads (cop.yaml, mkdocs.yml and
CONTRIBUTING.md, which the contributing page includes).

Passing:

    # docs/about.md
    A page of the site, in a regular file.

Failing:

    # docs/env.txt, a symbolic link to /proc/self/environ
"""

from __future__ import annotations

from pathlib import Path

from ..problems import Problem
from ..files import tree

ID = "symlink"
LOCKED = True  # a link would publish or read a file from outside the project

TREES = ("docs", "practices", "workshops", "releases")
ROOT_FILES = ("cop.yaml", "mkdocs.yml", "CONTRIBUTING.md")


def find(root: Path) -> list[str]:
    """Every symbolic link under the trees and among the root files, relative to root, sorted."""
    found = [name for name in ROOT_FILES if (root / name).is_symlink()]
    for top in TREES:
        found += [rel for rel, link in tree(root, top, hidden=True) if link]
    return sorted(found)


def check(kb, ctx):
    root = ctx.files.root
    for rel in find(root):
        what = "folder" if (root / rel).is_dir() else "file"
        yield Problem(rel, 1, 1, ID, f"this {what} is a symbolic link; links are never read or published",
                      hint="replace the link with the file itself")
