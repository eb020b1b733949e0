"""The package's layers, checked on the code itself: no import cycle, the engine only at the edge,
a model that knows nothing of YAML, and machinery that never reaches up into the rules.

The engine checks import each module in a fresh process and watch which of our modules first
pulls MkDocs in: reading the source for `import mkdocs` misses `import json, mkdocs.utils`,
an import through a helper, or a `__import__` call.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "scripts" / "cop"
ENGINE = ("mkdocs", "material", "mkdocs_macros")
# What the checker stands on. The rules import it; it never imports a rule, or the rules could
# not be added, removed or switched off without the reader, the schema or the model changing.
MACHINERY = ("cop.document", "cop.problems", "cop.model", "cop.yamldoc", "cop.schema", "cop.fastschema",
             "cop.blocks", "cop.names", "cop.kinds", "cop.builders", "cop.files", "cop.inventory", "cop.index",
             "cop.references")


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Our modules that NAME imports anywhere in its code, in functions too (those run later,
    but still tie the two modules together)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            # `from . import x` imports the module x when there is one, else a name of the package.
            found |= {f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target for alias in node.names}
    return {other for other in found if other in known and other != name}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported(name, path, known) for name, path in known.items()}


def cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import cycle as the path that closes it, or [] when there is none."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        trail.append(node)
        for other in sorted(edges[node]):
            if state.get(other) == "open":
                return trail[trail.index(other):] + [other]
            if other not in state and (found := visit(other)):
                return found
        state[node] = "done"
        trail.pop()
        return []

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return []


def reachable(edges: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for other in edges[todo.pop()] - seen:
            seen.add(other)
            todo.append(other)
    return seen


def test_the_import_graph_reads_relative_imports_as_python_does():
    # The graph is only as good as its reading of imports: a cycle hidden by a misread import
    # would never be found. Known edges of each form are found.
    edges = graph()
    assert "cop.document" in edges["cop.model"]  # from .document import Document
    assert "cop.builders" in edges["cop.kinds"]  # from . import builders
    assert "cop.views.links" in edges["cop.rules.internal_link"]  # from ..views.links import SCHEMES
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) == []


def test_no_module_of_the_package_imports_itself_through_others():
    assert cycle(graph()) == []


def test_the_machinery_under_the_rules_never_imports_a_rule():
    edges = graph()
    for name in MACHINERY:
        rules = sorted(m for m in reachable(edges, name) if m == "cop.rules" or m.startswith("cop.rules."))
        assert rules == [], f"{name} reaches {rules}"


_FIRST_IMPORTER = textwrap.dedent("""
    import importlib, json, os, sys

    WATCHED = set(sys.argv[1].split(","))

    class Spy:
        '''Records, for each watched package, which of our modules imported it first.'''

        def __init__(self):
            self.first = {}

        def find_spec(self, name, path=None, target=None):
            top = name.partition(".")[0]
            if top in WATCHED and top not in self.first:
                frame = sys._getframe(1)
                while frame is not None:
                    module = frame.f_globals.get("__name__", "")
                    if module == "cop" or module.startswith("cop."):
                        self.first[top] = module
                        break
                    frame = frame.f_back
            return None

    for module in sys.argv[2:]:
        read, write = os.pipe()
        if os.fork() == 0:  # a process with nothing of ours imported yet
            os.close(read)
            spy = Spy()
            sys.meta_path.insert(0, spy)
            try:
                importlib.import_module(module)
                result = {"module": module, "first": spy.first, "loaded": sorted(sys.modules)}
            except BaseException as exc:
                result = {"module": module, "error": repr(exc)}
            data = json.dumps(result).encode()
            with os.fdopen(write, "wb") as out:
                out.write(data)
            os._exit(0)
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            print(pipe.read().decode())
        os.wait()
""")


def imports_in_fresh_processes(names: list[str], watched: tuple[str, ...]) -> dict[str, dict]:
    result = subprocess.run([sys.executable, "-c", _FIRST_IMPORTER, ",".join(watched), *names],
                            capture_output=True, text=True, timeout=600, cwd=REPO)
    assert result.returncode == 0, result.stderr
    found = {item["module"]: item for item in map(json.loads, result.stdout.splitlines())}
    assert set(found) == set(names)
    errors = {name: item["error"] for name, item in found.items() if "error" in item}
    assert errors == {}
    return found


def test_only_the_site_layer_brings_in_the_site_engine():
    names = [name for name in modules() if name != "cop.__main__"]
    found = imports_in_fresh_processes(names, ENGINE)
    # cop.cli and cop.packs may use cop.site; MkDocs itself is imported by cop.site alone.
    outside = {name: item["first"] for name, item in found.items()
               if any(not (importer == "cop.site" or importer.startswith("cop.site.")) for importer in item["first"].values())}
    assert outside == {}
    # The watch itself works: the site layer is seen bringing MkDocs in.
    assert found["cop.site.plugin"]["first"].get("mkdocs", "").startswith("cop.site")


def test_the_model_stands_alone_without_the_yaml_reader():
    found = imports_in_fresh_processes(["cop.model"], ("yaml", "ruamel"))["cop.model"]
    assert found["first"] == {}
    ours = {name for name in found["loaded"] if name == "cop" or name.startswith("cop.")}
    assert ours == {"cop", "cop.model", "cop.document", "cop.problems"}


def test_every_library_the_package_imports_is_a_declared_dependency():
    # A library that arrives only as another's dependency can vanish with that library's next release.
    import re
    import tomllib
    from importlib.metadata import packages_distributions

    declared = {re.split(r"[<>=!~;\[ ]", item, maxsplit=1)[0].lower().replace("_", "-")
                for item in tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]}
    providers = packages_distributions()
    used = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                used |= {alias.name.partition(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                used.add(node.module.partition(".")[0])
    third_party = {name for name in used if name not in sys.stdlib_module_names and name != "cop"}
    assert "yaml" in third_party and "markdown" in third_party  # the scan sees imports at all
    undeclared = {name: providers.get(name) for name in third_party
                  if not {d.lower().replace("_", "-") for d in providers.get(name, [])} & declared}
    assert undeclared == {}
