"""A data release is frozen: its copy of the knowledge base is there, unchanged, and releases come in order.

`cop release` writes the knowledge base as it stood to `releases/<version>.json` and records the
file's SHA-256 in `practices/releases.yaml`. Quotes in file notes and minutes point at that
copy, so a copy that is missing or was edited afterwards, a version released twice, or a
release dated before the one listed above it is an error.

Passing:

    # practices/releases.yaml
    releases: []

Failing:

    # practices/releases.yaml
    releases:
      - version: "2026.05"
        date: 2026-05-01
        sha256: "0000000000000000000000000000000000000000000000000000000000000000"
"""

from .. import releases

ID = "release-snapshot"
LOCKED = True  # a permalink promises the text a release froze


def check(kb, ctx):
    seen: dict[str, int] = {}
    before = None
    for release in kb.releases:
        if release.version in seen:
            yield release.loc.problem(ID, f"version {release.version} is already released at line {seen[release.version]}",
                                      "version")
            continue
        seen[release.version] = release.loc.at("version")[0]
        if before is not None and not releases.comes_after(release.version, release.date, before):
            yield release.loc.problem(ID, f"release {release.version} ({release.date}) comes after {before.version} "
                                      f"({before.date}) in the list but is not later", "version",
                                      hint="releases are listed oldest first, with later dates and versions")
        before = release
        try:
            digest = releases.digest(releases.snapshot_path(ctx.files.root, release.version).read_bytes())
        except OSError:
            yield release.loc.problem(ID, f"release {release.version} has no frozen copy releases/{release.version}.json",
                                      "version", hint="restore the file from the release's commit; never rebuild it")
            continue
        if digest != release.sha256:
            yield release.loc.problem(ID, f"releases/{release.version}.json has changed since release {release.version} "
                                      f"froze it (SHA-256 {digest[:12]}..., recorded {release.sha256[:12]}...)", "sha256",
                                      hint="a released copy is never edited; restore it from the release's commit")
