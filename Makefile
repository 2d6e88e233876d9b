# CommunesPlone: `make start` and `make test` are all a newcomer needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
UV_VERSION := 0.13.9
export PORT ?= 8080

.PHONY: help install start test test-fast lint format i18n constraints clean bench screenshots
.PHONY: start-cluster backup restore migrate bench-cluster bench-hosting

help:
	@echo "make start   install, create the demo commune site, serve it on http://localhost:$(PORT)"
	@echo "make test    run the whole test suite"
	@echo "make lint    ruff"
	@echo "make screenshots   walk the citizen and staff journeys, PNGs in docs/screenshots/"
	@echo "make start-cluster N=2   N processes on RelStorage (STORAGE=relstorage COMMUNESPLONE_DSN=...)"
	@echo "make backup | restore    repozo (FileStorage) or pg_dump (RelStorage), see docs/hosting.md"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet "uv==$(UV_VERSION)"

# One distribution per add-on (sources/), editable, and the deployment (the root) over them.
# editable_mode=compat: each src/ folder on sys.path, so the native namespace
# ``communesplone`` spans them all (setuptools' strict editable finders miss the
# deployment's modules directly in the namespace: communesplone.cli).
ADDONS := core eid booking directory eguichet deliberations
ADDON_DIRS := $(addprefix sources/communesplone.,$(ADDONS))
$(VENV)/.installed: $(BIN)/python setup.py constraints.txt $(addsuffix /setup.py,$(ADDON_DIRS))
	$(UV) pip install --python $(BIN)/python --quiet -c constraints.txt -C editable_mode=compat \
		$(addprefix -e ,$(ADDON_DIRS)) -e ".[test]"
	@touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

start: install
	$(BIN)/communesplone start

# Two workers (pytest-xdist) on the 2 cores CI has, whole files each: a module's
# fixtures (a server started by its first test, a browser, a cluster) stay on one
# worker. (Not --dist loadgroup: with pytest 9, xdist 3.8 cannot rename the node
# ids its groups rely on, and every test became a group of its own.)
TEST_WORKERS ?= 2
test: install node_modules/.installed
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

# The guided tour: each citizen journey in Chromium, fr and nl, 1366 and 390 px,
# written to docs/screenshots/ (with REPORT.md: what a person should not see).
screenshots: install node_modules/.installed
	$(BIN)/python scripts/screenshots.py

test-fast: install
	$(BIN)/python -m pytest -m "not browser and not slow"

lint: install
	$(BIN)/ruff check src sources tests benchmarks

format: install
	$(BIN)/ruff format src sources tests

# Regenerate the pins from the current venv (review the diff before committing).
constraints: install
	$(BIN)/python -m communesplone.pins freeze > constraints.txt.new && mv constraints.txt.new constraints.txt
	$(BIN)/python -m communesplone.pins versions-cfg < constraints.txt > versions.cfg

clean:
	rm -rf $(VENV) node_modules

# Rebuild the .pot from the code of every distribution (one domain, shipped by
# core) and merge it into the fr, nl, de and en catalogues.
LOCALES := sources/communesplone.core/src/communesplone/core/locales
i18n: install
	$(BIN)/i18ndude rebuild-pot --pot $(LOCALES)/communesplone.pot --create communesplone src/communesplone $(addsuffix /src/communesplone,$(ADDON_DIRS))
	$(BIN)/i18ndude sync --pot $(LOCALES)/communesplone.pot $(LOCALES)/*/LC_MESSAGES/communesplone.po

# Ratios against plain Plone doing the same work (see benchmarks/). The
# 100,000-entry sizes: make bench BENCH_SIZE=large (docs/developing.md).
BENCH_SIZE ?= default
bench: install
	BENCH_SIZE=$(BENCH_SIZE) $(BIN)/python -m benchmarks

# Shared hosting (docs/hosting.md): N processes on consecutive ports from
# $(PORT), one PostgreSQL; needs STORAGE=relstorage and COMMUNESPLONE_DSN.
N ?= 2
start-cluster: install
	$(BIN)/communesplone start-cluster -n $(N)

backup: install
	$(BIN)/communesplone backup

restore: install
	$(BIN)/communesplone restore

migrate: install
	$(BIN)/communesplone storage migrate

# One process vs two on RelStorage (a throwaway PostgreSQL), and the cost of
# `sites upgrade --all` for 50 sites; loopback only, bounded in time.
bench-cluster: install
	$(BIN)/python -m benchmarks.cluster

# N communes on one cluster (BENCH_HOSTING_SITES=281 for all of them): creation,
# upgrade-all, memory, throughput behind and through the cache (docs/hosting.md).
bench-hosting: install
	$(BIN)/python -m benchmarks.hosting
