# The whole set-up is two commands: `make serve` and `make test`.
# Both create .venv with the machine's python3 when missing and reinstall the
# project only when pyproject.toml changed (the stamp file records that).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# MkDocs 1.x prints a notice about MkDocs 2 on every run; it says nothing about this site.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve preview test check build offline packs clean bytecode system-packages site-packages packs-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The package's bytecode, written here since an editable install writes none and Python writes
# none either where PYTHONDONTWRITEBYTECODE is set: each cop command then starts about 0.1 s
# sooner. Only files changed since are compiled again.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q scripts/cop

system-packages:
	bash .ci/system-packages.sh

# What building the site needs (Graphviz for the offices' tests), without the test suite's tools.
site-packages:
	bash .ci/system-packages.sh site

# What workshop packs need besides: fonts for every script of the region.
packs-packages:
	bash .ci/system-packages.sh packs

# Every workshop's packs, both audiences, into dist/packs.
packs: packs-packages bytecode
	for w in workshops/*/; do $(BIN)/cop pack "$$(basename "$$w")" --audience all --out dist/packs || exit 1; done

# The site as examiners get it: built, then served precompressed with its security headers.
serve: site-packages bytecode
	$(BIN)/cop build
	$(BIN)/cop serve --host 127.0.0.1 --port 8000

# For contributors: rebuilt and reloaded on every save, the data's problems shown on the pages.
preview: site-packages bytecode
	$(BIN)/cop preview --host 127.0.0.1 --port 8000

build: site-packages bytecode
	$(BIN)/cop build

offline: site-packages bytecode
	$(BIN)/cop build --offline

check: bytecode
	$(BIN)/cop check

test: system-packages bytecode
	$(BIN)/python -m pytest

clean:
	rm -rf site site-offline .pytest_cache
