# govportal developer commands.  `make serve` and `make test` work on a fresh clone.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
INI    ?= development.ini
STAMP  := $(VENV)/.installed
LINT_DIRS := $(wildcard src tests benchmarks)
# pyramid 1.10 and substanced import pkg_resources; its warnings are noise here.
export PYTHONWARNINGS := ignore:pkg_resources is deprecated,ignore:Parameters to load are deprecated

.PHONY: serve test lint format init catalogs messages bench clean

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
	$(BIN)/pot-create -o src/govportal/locale/govportal.pot -d govportal src/govportal skins
	$(BIN)/python -m govportal.scripts.messages src/govportal/locale/govportal.pot \
	  src/govportal/locale/zh_CN/LC_MESSAGES/govportal.po
	$(MAKE) --no-print-directory catalogs

# Create the database and the demo site if absent (prints new passwords once).
init: $(STAMP)
	$(BIN)/govportal-demo $(INI)

serve: init
	$(BIN)/pserve $(INI)

test: $(STAMP)
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/python -m pytest -q -n auto

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/ruff format --check $(LINT_DIRS)

format: $(STAMP)
	$(BIN)/ruff format $(LINT_DIRS)
	$(BIN)/ruff check --fix $(LINT_DIRS)

clean:
	rm -rf $(VENV) var/*.fs* var/blobs build *.egg-info src/*.egg-info
