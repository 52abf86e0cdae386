# govportal developer commands.  `make serve` and `make test` work on a fresh clone.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
INI    ?= development.ini
STAMP  := $(VENV)/.installed

.PHONY: serve test lint format init demo catalogs bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 'setuptools<81' wheel

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	$(MAKE) --no-print-directory catalogs
	touch $(STAMP)

# Compile the zh_CN message catalog (the .mo file is a build product).
catalogs: $(BIN)/python
	$(BIN)/python -m babel.messages.frontend compile -d src/govportal/locale -D govportal --use-fuzzy 2>/dev/null || \
	  $(BIN)/pybabel compile -d src/govportal/locale -D govportal

# Create the database and the demo site if absent (prints new passwords once).
init: $(STAMP)
	$(BIN)/govportal-demo $(INI)

serve: init
	$(BIN)/pserve $(INI)

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) var/*.fs* var/blobs build *.egg-info src/*.egg-info
