# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test bench lint format clean venv

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[nlp,postgres,dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(PY) -m bot demo

# The checks of `make lint` first (CI runs only `make test`), then the suite.
test: lint
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m bench

lint: $(STAMP)
	$(VENV)/bin/ruff check bot summarise tests bench
	$(VENV)/bin/ruff format --check bot summarise tests bench
	$(VENV)/bin/mypy bot summarise
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff format bot summarise tests bench
	$(VENV)/bin/ruff check --fix bot summarise tests bench

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
