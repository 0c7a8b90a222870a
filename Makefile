# Two commands on a fresh machine: `make run` opens the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed-stamp
# torch/torchvision pinned to the builds this project is tested with (a local copy exists on CI machines).
TORCH_PINS := torch==2.14.1 torchvision==0.29.1

.PHONY: run test lint venv demo package package-test bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip setuptools wheel
	$(PIP) install -q $(TORCH_PINS)
	$(PIP) install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(PY) main.py $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/ruff check animeid_desktop tests benchmarks main.py
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check animeid_desktop tests benchmarks main.py
	$(VENV)/bin/lint-imports

demo: $(STAMP)
	$(VENV)/bin/animeid demo

clean:
	rm -rf build dist .pytest_cache
