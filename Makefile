# govportal developer commands.  `make serve` and `make test` work on a fresh clone.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
INI    ?= development.ini
STAMP  := $(VENV)/.installed
LINT_DIRS := $(wildcard src tests benchmarks)
# pyramid 1.10 and substanced import pkg_resources; its warnings are noise here.
export PYTHONWARNINGS := ignore:pkg_resources is deprecated,ignore:Parameters to load are deprecated

.PHONY: serve test lint format init catalogs messages bench bench-letters bench-monitoring clean browser-deps search-eval

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 'setuptools<81' wheel

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	$(MAKE) --no-print-directory catalogs
	touch $(STAMP)

# Compile the zh_CN message catalog (the .mo file is a build product).
catalogs: $(BIN)/python
	$(BIN)/pybabel --quiet compile -d src/govportal/locale -D govportal
	$(BIN)/python -m govportal.scripts.messages --colander src/govportal/locale

# Re-extract messages from code and templates into the zh_CN catalog.
messages: $(STAMP)
	rm -f src/govportal/locale/govportal.pot  # else lingua keeps an old layout
	$(BIN)/pot-create --width 100000 -o src/govportal/locale/govportal.pot -d govportal src/govportal skins
	$(BIN)/python -m govportal.scripts.messages src/govportal/locale/govportal.pot \
	  src/govportal/locale/zh_CN/LC_MESSAGES/govportal.po
	$(MAKE) --no-print-directory catalogs

# Create the database and the demo site if absent (prints new passwords once).
init: $(STAMP)
	$(BIN)/govportal-demo $(INI)

serve: init
	$(BIN)/pserve $(INI)

# Browser tests (tests/browser) need Debian's Chromium and CJK fonts (apt; as
# root, else through sudo) and axe-core from the npm registry.  Idempotent:
# apt runs only when the browser or the font is missing, npm ci only when
# node_modules is absent or older than package-lock.json.
CHROMIUM := /usr/bin/chromium
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
AXE      := node_modules/axe-core/axe.min.js
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

browser-deps: $(AXE)
	@if [ ! -x $(CHROMIUM) ] || [ ! -e $(CJK_FONT) ]; then \
	  $(SUDO) apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk; \
	fi

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The suite runs on a UTC host with the clock at 00:30 China time on 1 January
# (tests/clock.py), where the server's date and the site's differ by a day.
test: $(STAMP) browser-deps
	$(BIN)/ruff check $(LINT_DIRS)
	TZ=UTC $(BIN)/python -m pytest -q -n auto

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/ruff format --check $(LINT_DIRS)

format: $(STAMP)
	$(BIN)/ruff format $(LINT_DIRS)
	$(BIN)/ruff check --fix $(LINT_DIRS)

# Search quality on the judged evaluation set (tests/search/eval/): nDCG@10 per
# kind of query; fails when a target is missed.  SEARCH_EVAL_ARGS=--verbose
search-eval: $(STAMP)
	TZ=UTC $(BIN)/python tests/search/eval/score.py $(SEARCH_EVAL_ARGS)

# Load test (benchmarks/run.py): builds or reuses a 10,000-document corpus in
# var/bench/, serves it with pserve and measures it with wrk next to a
# waitress ceiling; the table also goes to benchmarks/results/.
bench: $(STAMP)
	@command -v wrk >/dev/null || apt-get install -y wrk
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

# Concurrent writers (benchmarks/writers.py): 16 writers x 25 drafts in one
# column and 25 @@apply each, on FileStorage (one process), ZEO and RelStorage
# (two processes each; PostgreSQL at 127.0.0.1:5432); the table also goes to
# benchmarks/results/.  WRITERS_ARGS="--storage file --scenario drafts" ...
bench-writers: $(STAMP)
	$(BIN)/python -m benchmarks.writers $(WRITERS_ARGS)

# 50 concurrent applicants x 10 online applications with PDF uploads to one guide
# (benchmarks/applicants.py); APPLICANTS_ARGS="--storage zeo" ...
bench-applicants: $(STAMP)
	$(BIN)/python -m benchmarks.applicants $(APPLICANTS_ARGS)

# 16 concurrent citizens x 25 letters (@@write, PDF attached) to the portal and two
# departments (benchmarks/letters.py); LETTERS_ARGS="--storage zeo" ...
bench-letters: $(STAMP)
	$(BIN)/python -m benchmarks.letters $(LETTERS_ARGS)

# The operations monitor's costs on the 10,000-document corpus (issue 13): one
# update-monitoring computation, probe rounds, a full link-check run, tamper
# baseline + sweep, backup/incremental/restore/drill.  Each works on a copy of
# var/bench (built first if missing) under $(BENCH_TMP).
BENCH_TMP ?= /tmp/govportal-bench-monitoring
bench-monitoring: $(STAMP)
	$(BIN)/python -m benchmarks.corpus
	rm -rf $(BENCH_TMP) && mkdir -p $(BENCH_TMP) && cp -r var/bench $(BENCH_TMP)/freshness
	TZ=UTC $(BIN)/python -m benchmarks.freshness --directory $(BENCH_TMP)/freshness
	TZ=UTC $(BIN)/python -m benchmarks.probes --directory $(BENCH_TMP)/probes
	TZ=UTC $(BIN)/python -m benchmarks.links --directory $(BENCH_TMP)/links
	TZ=UTC $(BIN)/python -m benchmarks.tamper --directory $(BENCH_TMP)/tamper
	TZ=UTC $(BIN)/python -m benchmarks.backup --work $(BENCH_TMP)/backup
	rm -rf $(BENCH_TMP)

clean:
	rm -rf $(VENV) var/*.fs* var/blobs build *.egg-info src/*.egg-info
