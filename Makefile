# The two set-up commands of the README: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export LMS_BRIDGE_INSTANCE_PATH ?= $(CURDIR)/instance

.PHONY: run test install clean

$(STAMP): setup.cfg pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,postgres]'
	touch $(STAMP)

install: $(STAMP)

## virtualenv, install, migrate, demo data, serve on http://127.0.0.1:5000
run: $(STAMP)
	$(VENV)/bin/lms-bridge db upgrade
	$(VENV)/bin/lms-bridge demo load
	$(VENV)/bin/lms-bridge serve

## the full suite: SQLite, then PostgreSQL; installs Chromium/PostgreSQL from Debian when it can
test: $(STAMP)
	bash tests/tools/system_deps.sh
	bash tests/tools/run_suite.sh $(ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info
