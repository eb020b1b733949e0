"""One document edition is declared once, whatever its id.

Two source records with the same URL and edition are the same document under two
ids; citations then split between them and a correction reaches only one.

Passing:

    # practices/sources.yaml
    sources:
      - {id: ep-guidelines-2024, url: https://www.epo.org/en/legal/guidelines-epc/2024/index.html, edition: March 2024, ...}
      - {id: ep-guidelines-2025, url: https://www.epo.org/en/legal/guidelines-epc/2025/index.html, edition: "2025", ...}
      - ...

Failing:

    # practices/sources.yaml
    sources:
      - {id: ep-guidelines-2024, url: https://www.epo.org/en/legal/guidelines-epc/2025/index.html, edition: "2025", ...}
      - {id: ep-guidelines-2025, url: https://www.epo.org/en/legal/guidelines-epc/2025/index.html, edition: "2025", ...}
      - ...
"""

ID = "duplicate-source"


def check(kb, ctx):
    seen: dict[tuple[str, str], str] = {}
    for source in kb.sources.values():
        key = (source.url.rstrip("/").lower(), source.edition.strip().lower())
        if key in seen:
            yield source.loc.problem(ID, f"source {source.id} has the same URL and edition as {seen[key]}", "id",
                                     hint=f"cite {seen[key]} and remove {source.id}")
        else:
            seen[key] = source.id
