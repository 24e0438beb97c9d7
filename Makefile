# Two commands do all set-up on a fresh machine:
#   make run    install everything, evaluate an example profile, then serve the clinician web app
#   make test   install everything the tests need (incl. Debian's chromium) and run the whole suite
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# the first interpreter that really runs and is 3.11 or 3.12 (pyenv shims may exist but not run)
PYTHON ?= $(shell for p in python3 python3.12 python3.11 $$(ls -d $$HOME/.pyenv/versions/3.1[12]*/bin/python3 \
  2>/dev/null); do $$p -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 12))' 2>/dev/null \
  && { command -v $$p; break; }; done)
APT := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)
HOST ?= 127.0.0.1
PORT ?= 8000
EXAMPLE ?= examples/demo-001.json

.PHONY: run test install system-deps browser-deps bench check clean

system-deps:  ## gcc and Python headers: durable-rules builds from source
	@[ -n "$(PYTHON)" ] || { echo "msdecide needs Python 3.11 or 3.12 (durable-rules does not import on 3.13):" \
	  "install python3.11 (apt-get install python3.11 python3.11-venv) or set PYTHON=..."; exit 1; }
	@command -v gcc >/dev/null && ( [ -f "$$($(PYTHON) -c 'import sysconfig; print(sysconfig.get_paths()["include"])')/Python.h" ] ) \
	  || { echo "Installing gcc and Python headers (durable-rules compiles C code)"; \
	       DEBIAN_FRONTEND=noninteractive $(APT) update -qq && \
	       DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq gcc python3-dev >/dev/null; }
	@$(PYTHON) -c 'import sys; assert (3, 11) <= sys.version_info[:2] <= (3, 12), \
	  f"msdecide needs Python 3.11 or 3.12 (durable-rules does not import on 3.13); found {sys.version.split()[0]}"'

$(VENV)/.installed: pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

browser-deps:  ## Debian's chromium for the browser tests (never a downloaded browser)
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests"; \
	  DEBIAN_FRONTEND=noninteractive $(APT) update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(APT) install -y -qq chromium >/dev/null \
	  || echo "chromium could not be installed: browser tests will be skipped"; }

run: install
	$(VENV)/bin/msdecide rules check
	$(VENV)/bin/msdecide evaluate $(EXAMPLE)
	$(VENV)/bin/msdecide serve --host $(HOST) --port $(PORT)

test: install browser-deps  ## pytest's exit 5 (no tests collected) is reported, not hidden as a pass
	@$(VENV)/bin/python -m pytest $(PYTEST_ARGS); status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests (exit 5): failing on purpose"; exit 1; fi; \
	  exit $$status

bench: install  ## engines (durable, reference, zen-engine), load, CLI and API figures in one run -> bench/results, README
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) dist build .pytest_cache test-results
