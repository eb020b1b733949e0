"""`cop build`: the site (or its offline variant) built into a folder, atomically.

MkDocs writes into a fresh staging folder beside the target, which replaces the target only
when the build succeeded: a failed or interrupted build leaves the previous site as it was.
Which targets are allowed, and one build at a time per target, are `cop.outputs`' business
(the command line checks before calling this); here the staging folder is recorded so that
an interrupted run removes it, and the swap runs whole even when a signal arrives.
"""

from __future__ import annotations

import logging
import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Sequence

from ..outputs import interrupt, scratch
from ..outputs.policy import check_sources


class BuildFailed(Exception):
    pass


def build_site(root: Path, site_dir: Path, *, offline: bool = False, epoch: int | None = None,
               withhold_cases: Sequence[str] = (), facilitator_view: Sequence[str] = (),
               before_swap: Callable[[Path], None] | None = None) -> None:
    """offline: a folder that works from file:// (Material's offline plugin, switched on here).
    epoch: the moment the site speaks of (stale marks, download dates, the sitemap), in seconds
    since 1970; None for now. withhold_cases: cases shown with their claim and facts only (a
    participants' edition). facilitator_view: workshops whose pages show their facilitator notes
    (the facilitator pack's edition, never a published site). before_swap: called with the finished staging folder, e.g. to put
    the output marker in."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    site_dir = site_dir.resolve()
    # The swap deletes what it replaces: whoever calls this, never the project or its sources.
    check_sources(root, site_dir, "cop build", shown=str(site_dir))
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = scratch.folder(site_dir.parent, f"new-{site_dir.name}", becomes=site_dir)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    # Strict mode turns warnings into a failure only if a handler counts them; MkDocs' own CLI does that.
    counter = _WarningCounter()
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(staging), strict=True)
        ours = config.plugins.get("cop")
        if ours is None:
            raise BuildFailed("mkdocs.yml does not list the cop plugin; without it there are no generated pages")
        ours.config["epoch"] = epoch
        ours.config["withhold_cases"] = list(withhold_cases)
        ours.config["facilitator_view"] = list(facilitator_view)
        # An offline copy is opened from the file system: nothing would ever send its .gz or .br.
        ours.config["precompress"] = ours.config["precompress"] and not offline
        switch = config.plugins.get("material/offline")
        if switch is None and offline:
            raise BuildFailed("mkdocs.yml does not list Material's offline plugin, which an offline build needs")
        if switch is not None:
            switch.config["enabled"] = offline
        with _mkdocs_epoch(epoch):
            build(config)
        if counter.messages:
            raise BuildFailed("the build gave warnings:\n" + "\n".join(counter.messages))
        if before_swap is not None:
            before_swap(staging)
        # A signal whose Stopped a library swallowed (an exception raised in a finalizer is only
        # printed) must still keep this build from replacing the site.
        interrupt.checkpoint()
    except (Abort, MkDocsException, SystemExit) as exc:
        # MkDocs logs a plugin's error and raises a generic Abort; the log holds the reason.
        scratch.discard(staging)
        raise BuildFailed("\n".join(counter.messages) or str(exc)) from None
    except BaseException:
        scratch.discard(staging)
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
    _swap(staging, site_dir)


@contextmanager
def _mkdocs_epoch(epoch: int | None):
    """MkDocs dates its own files (the sitemap) by SOURCE_DATE_EPOCH alone; our plugin is told
    by its configuration. Set for the build only, so that both speak of the same moment."""
    if epoch is None:
        yield
        return
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def _swap(staging: Path, target: Path) -> None:
    """Put STAGING in TARGET's place. The old folder moves aside under a name of this run's own
    (two runs never collide on it), and is deleted once the new one is in place."""
    old, swapped = None, False
    try:
        with interrupt.deferred():  # cut between the two renames, it would leave no site at all
            if os.path.lexists(target):
                old = target.with_name(f"{scratch.PREFIX}old-{target.name}-{secrets.token_hex(6)}")
                target.rename(old)
            try:
                staging.rename(target)
            except BaseException:
                if old is not None:
                    # Should this fail too, the previous site stays under the old name, never deleted.
                    old.rename(target)
                    old = None
                raise
            swapped = True
            scratch.forget(staging)
            if old is not None:
                scratch.record(old)
    finally:
        if not swapped:
            scratch.discard(staging)
        elif old is not None:
            scratch.discard(old)


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(_plain(record.getMessage()))


def _plain(message: str) -> str:
    """A log message as one plain problem, without a traceback a library may have appended."""
    return message.split("Traceback (most recent call last):", 1)[0].rstrip()
