"""One document edition is declared once, whatever its id.

Two source records with the same URL and edition are the same document under two
ids; citations then split between them and a correction reaches only one.

Passing:

    - {id: jp-cnipa-ai-study-2023, url: https://www.jpo.go.jp/e/news/kokusai/cn/ai_report_2023_e.html, edition: "2023", ...}

Failing:

    - {id: jp-cnipa-ai-study-2023, url: https://www.jpo.go.jp/e/news/kokusai/cn/ai_report_2023_e.html, edition: "2023", ...}
    - {id: jpo-cnipa-ai-study-2023, url: https://www.jpo.go.jp/e/news/kokusai/cn/ai_report_2023_e.html, edition: "2023", ...}
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
