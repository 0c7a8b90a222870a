# Two commands on a fresh machine: `make run` opens the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed-stamp
# torch/torchvision pinned to the builds this project is tested with (a local copy exists on CI machines).
TORCH_PINS := torch==2.14.1 torchvision==0.29.1

.PHONY: run test lint venv demo translations package package-test release-check bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip setuptools wheel
	$(PIP) install -q $(TORCH_PINS)
	$(PIP) install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(PY) main.py --demo-if-empty $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/ruff check animeid_desktop tests benchmarks main.py
	$(VENV)/bin/lint-imports
	$(MAKE) --no-print-directory release-check
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check animeid_desktop tests benchmarks main.py
	$(VENV)/bin/lint-imports

demo: $(STAMP)
	$(VENV)/bin/animeid demo

# --- Translations: `make translations` collects every marked string of the GUI (animeid_desktop/gui/**/*.py,
# ui/*.ui) into translations/animeid_zh_CN.ts and, plural forms only, translations/animeid_en.ts (existing
# translations are kept, strings gone from the code dropped), then compiles both into the package's .qm files,
# which are committed (so `make run` and installs need no extra step). Translate with pyside6-linguist;
# translations/GLOSSARY.md holds the zh_CN terms.
LUPDATE := $(VENV)/bin/pyside6-lupdate -locations none -no-obsolete -source-language en
LRELEASE := $(VENV)/bin/pyside6-lrelease
I18N_SOURCES = $(sort $(shell find animeid_desktop/gui -name '*.py')) $(sort $(wildcard ui/*.ui))
QM_DIR := animeid_desktop/resources/i18n

translations:
	test -x $(VENV)/bin/pyside6-lupdate || $(MAKE) venv
	$(LUPDATE) -target-language zh_CN $(I18N_SOURCES) -ts translations/animeid_zh_CN.ts
	$(LUPDATE) -target-language en -pluralonly $(I18N_SOURCES) -ts translations/animeid_en.ts
	mkdir -p $(QM_DIR)
	$(LRELEASE) translations/animeid_zh_CN.ts -qm $(QM_DIR)/animeid_zh_CN.qm
	$(LRELEASE) translations/animeid_en.ts -qm $(QM_DIR)/animeid_en.qm

# --- Packaging: `make package` builds dist/AnimeID/ (one folder: AnimeID GUI + animeid-cli), prints its size;
# `make package-test` runs the bundle smoke test. The CPU bundle is built from its own venv holding the CPU build
# of torch, so no CUDA library is bundled. `make package GPU=1` builds dist/AnimeID-GPU/ with CUDA torch instead.
# See packaging/README.md.
ifeq ($(GPU),1)
PKG_VENV ?= .venv-package-gpu
PKG_TORCH ?= $(TORCH_PINS)
PKG_PIP_ARGS ?=
PKG_NAME := AnimeID-GPU
PKG_ENV := ANIMEID_GPU_BUILD=1
else
PKG_VENV ?= .venv-package
# torchvision 0.28 is the release paired with torch 2.13; on the PyTorch CPU index it is a +cpu build.
PKG_TORCH ?= torch==2.13.0+cpu torchvision==0.28.0
PKG_PIP_ARGS ?= --extra-index-url https://download.pytorch.org/whl/cpu
PKG_NAME := AnimeID
PKG_ENV :=
endif
PKG_PY := $(PKG_VENV)/bin/python
PKG_STAMP := $(PKG_VENV)/.installed-stamp

$(PKG_STAMP): pyproject.toml
	test -x $(PKG_PY) || $(PYTHON) -m venv $(PKG_VENV)
	$(PKG_PY) -m pip install -q --upgrade pip setuptools wheel
	$(PKG_PY) -m pip install -q $(PKG_PIP_ARGS) $(PKG_TORCH)
	$(PKG_PY) -m pip install -q -e '.[packaging]'
	touch $(PKG_STAMP)

package: $(PKG_STAMP)
	rm -rf dist/$(PKG_NAME) build/pyinstaller
	$(PKG_ENV) $(PKG_VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/animeid.spec
	@echo "bundle: dist/$(PKG_NAME)  size: $$(du -sh dist/$(PKG_NAME) | cut -f1)"

package-test:
	test -x dist/$(PKG_NAME)/animeid-cli || $(MAKE) package
	$(PYTHON) packaging/smoke_test.py dist/$(PKG_NAME)

# Release bundles for Linux, Windows and macOS are built by .github/workflows/release.yml on a v* tag.
# `make release-check` (part of `make test`, a second or so) lints that workflow with actionlint when it is
# installed (`pip install -e '.[release]'`), checks it against the pins above and dry-runs the spec's
# per-platform plan for linux, win32 and darwin. No venv prerequisite, so it never reinstalls anything.
release-check:
	$(PY) packaging/release_check.py $(RELEASE_CHECK_ARGS)

clean:
	rm -rf build dist .pytest_cache
