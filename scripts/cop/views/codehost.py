"""Links to the repository on its code host: the editor of a file, and a prefilled issue form.

`cop.yaml` names the repository (`repository:`) and its branch (`branch:`, main unless said).
GitHub, GitLab and Gitea or Forgejo (Codeberg) spell these addresses differently; the host is
told by the repository's address, and an address none of them claims is taken as GitHub's
layout, which most self-hosted forges also answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from ..model import Config


@dataclass(frozen=True)
class CodeHost:
    repository: str
    branch: str
    kind: str  # github, gitlab or gitea

    def edit(self, path: str) -> str:
        """The host's editor for `path` (relative to the repository root) on the branch."""
        where = f"{quote(self.branch)}/{quote(path)}"
        return {"gitlab": f"{self.repository}/-/edit/{where}", "gitea": f"{self.repository}/_edit/{where}"}.get(
            self.kind, f"{self.repository}/edit/{where}")

    def docs_edit_prefix(self, docs_dir: str) -> str:
        """MkDocs' `edit_uri` for the hand-written pages under `docs_dir`, relative to the repository."""
        prefix = {"gitlab": "-/edit", "gitea": "_edit"}.get(self.kind, "edit")
        return f"{prefix}/{quote(self.branch)}/{quote(docs_dir.strip('/'))}/"

    def report(self, title: str, body: str) -> str:
        """A new issue with its title and text filled in."""
        if self.kind == "gitlab":
            return f"{self.repository}/-/issues/new?" + urlencode({"issue[title]": title, "issue[description]": body})
        return f"{self.repository}/issues/new?" + urlencode({"title": title, "body": body})


def of(config: Config) -> CodeHost | None:
    """The code host `cop.yaml` names, or None when it names no repository."""
    if not config.repository:
        return None
    repository = config.repository.rstrip("/")
    if repository.endswith(".git"):
        repository = repository[:-4]
    host = urlsplit(repository).hostname or ""
    kind = "gitlab" if "gitlab" in host else "gitea" if ("gitea" in host or "codeberg" in host or "forgejo" in host) else "github"
    return CodeHost(repository, config.branch, kind)
