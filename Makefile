# The two set-up commands of the README: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export LMS_BRIDGE_INSTANCE_PATH ?= $(CURDIR)/instance

.PHONY: run test install clean

# pip's output (hundreds of lines of index warnings on some machines) goes to a log, shown only
# when the install fails, so that `make run` ends with what a new user needs: address and accounts.
$(STAMP): setup.cfg setup.py pyproject.toml
	@echo "Installing LMS Bridge into $(VENV) (log: $(VENV)/install.log)..."
	@python3 -m venv $(VENV)
	@{ $(PY) -m pip install --upgrade pip && $(PY) -m pip install -e '.[test,postgres]'; } \
		> $(VENV)/install.log 2>&1 || { tail -n 40 $(VENV)/install.log; echo "install failed: see $(VENV)/install.log"; exit 1; }
	@touch $(STAMP)

# The compiled catalogs (.mo) are produced here from the .po sources, never edited or committed.
PO := $(wildcard lms_bridge/translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)
%.mo: %.po $(STAMP)
	@$(VENV)/bin/lms-bridge i18n compile > /dev/null

install: $(STAMP) $(MO)

## virtualenv, install, migrate, demo data, serve on http://127.0.0.1:5000
run: $(STAMP) $(MO)
	$(VENV)/bin/lms-bridge db upgrade
	$(VENV)/bin/lms-bridge demo load
	$(VENV)/bin/lms-bridge serve

## the full suite: SQLite, then PostgreSQL; installs Chromium/PostgreSQL from Debian when it can
test: $(STAMP) $(MO)
	bash tests/tools/system_deps.sh
	bash tests/tools/run_suite.sh $(ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info
