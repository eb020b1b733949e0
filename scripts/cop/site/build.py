"""`cop build`: the site (or its offline variant) built into a folder, atomically.

MkDocs writes into a fresh temporary folder beside the target, which replaces the target
only when the build succeeded: a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path


class BuildFailed(Exception):
    pass


def build_site(root: Path, site_dir: Path, *, offline: bool = False) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    previous = os.environ.get("COP_OFFLINE")
    os.environ["COP_OFFLINE"] = "true" if offline else "false"
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    # Strict mode turns warnings into a failure only if a handler counts them; MkDocs' own CLI does that.
    counter = _WarningCounter()
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=True)
        build(config)
        if counter.messages:
            raise BuildFailed("the build gave warnings:\n" + "\n".join(counter.messages))
    except (Abort, MkDocsException, SystemExit) as exc:
        # MkDocs logs a plugin's error and raises a generic Abort (mkdocs-macros exits with
        # status 100 on a macro error); the log holds the reason.
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed("\n".join(counter.messages) or str(exc)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
        if previous is None:
            os.environ.pop("COP_OFFLINE", None)
        else:
            os.environ["COP_OFFLINE"] = previous
    _swap(staging, site_dir)


def _swap(staging: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())
