"""`cop preview` (make preview): MkDocs' development server, for contributors while they edit.

It rebuilds on every save under docs/, practices/ and workshops/ and reloads the browser. A
rebuild never fails on the data: the cop plugin shows the problems at the top of every page
(cop.site.plugin, on_startup), so the browser never waits on a build that did not come.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path


class PreviewError(Exception):
    pass


def preview(root: Path, host: str, port: int) -> None:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, MkDocsException

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        # Not strict: the problems shown on the pages are logged too, and must not stop the preview.
        serve(config_file=str(root / "mkdocs.yml"), livereload=True, dev_addr=f"{host}:{port}", strict=False)
    except OSError as exc:
        raise PreviewError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another with --port") from None
    except (Abort, MkDocsException) as exc:
        raise PreviewError(str(exc) or "the first build failed; see above") from None
    finally:
        logger.removeHandler(handler)
