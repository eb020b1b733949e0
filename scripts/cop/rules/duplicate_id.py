"""An id is declared once: topics, sources, glossary terms, and positions within a topic.

Passing:

    # practices/sources.yaml
    sources:
      - {id: ep-guidelines-2024, ...}
      - {id: ep-guidelines-2025, ...}
      - ...

Failing:

    # practices/sources.yaml
    sources:
      - {id: ep-guidelines-2025, ...}
      - {id: ep-guidelines-2025, ...}
      - ...
"""

ID = "duplicate-id"


def check(kb, ctx):
    for kind, key, first, again in ctx.files.duplicates:
        line = first.at("id")[0]
        yield again.problem(ID, f"{kind} id '{key}' is already declared at line {line}", "id")
    for doc_path, doc in ctx.files.documents.items():
        if doc_path != "practices/topics.yaml":
            continue
        lists = [("topics", i, t.get("positions")) for i, t in enumerate(doc.data["topics"])]
        lists += [("position_sets", name, items) for name, items in doc.data["position_sets"].items()]
        for where, key, items in lists:
            if not isinstance(items, list):
                continue
            seen = {}
            for j, p in enumerate(items):
                if p["id"] in seen:
                    path = (where, key, "positions", j, "id") if where == "topics" else (where, key, j, "id")
                    yield doc.problem(path, ID, f"position id '{p['id']}' is already declared at line "
                                      f"{doc.where(path[:-2] + (seen[p['id']], 'id'))[0]}")
                else:
                    seen[p["id"]] = j
