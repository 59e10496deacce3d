# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install validate build bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(PY) -m kb serve --host $(HOST) --port $(PORT)

test: install
	$(PY) -m pytest

validate: install
	$(PY) -m kb validate

build: install
	$(PY) -m kb build --progress

# The performance benchmark of docs/performance.md (about half an hour; writes docs/performance-report.md).
bench: install
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) -m kb.bench

clean:
	rm -rf $(VENV) instance .pytest_cache
