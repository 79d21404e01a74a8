# Zimmerwald: `make run` to try it, `make test` to test it. Both set up .venv first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The first Python 3.11 or newer on PATH, unless PYTHON is given.
PYTHON ?= $(shell for candidate in python3.13 python3.12 python3.11 python3 python; do \
	command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$candidate; break; }; done)
PYTEST_ARGS ?= -n auto
# The frab consumers' own environment (see frab-tools): its lxml 4 has wheels for Python 3.10 to 3.12 only.
FRAB_VENV := .venv-frab
FRAB_PYTHON ?= $(shell for candidate in python3.12 python3.11 python3.10 python3 python; do \
	command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys; sys.exit(not (3, 10) <= sys.version_info < (3, 13))' 2>/dev/null \
	&& { echo $$candidate; break; }; done)

.PHONY: help run test npm-packages frab-tools worker beat lint messages clean print-run-site-url

help:
	@echo "make run     set up, load the demo conference and serve it at http://$(HOST):$(PORT)"
	@echo "make test    set up and run the whole test suite"
	@echo "make worker  a Celery worker (needs REDIS_URL)"
	@echo "make beat    the Celery beat scheduler (needs REDIS_URL)"
	@echo "make lint    ruff and the migration check"

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Zimmerwald needs Python 3.11 or newer, and none was found on PATH."; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV). On Debian or Ubuntu: apt install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet ".[test]"
	@# PyICU needs ICU's headers and a C++ compiler; without them the collation tests skip, saying why.
	@$(BIN)/python -m pip install --quiet ".[icu]" 2>/dev/null || echo "PyICU could not be built \
	(apt install libicu-dev pkg-config g++): language names sort by their letters, and the tests of each \
	alphabet's order skip."
	@touch $@

# The links in mails and calendars point at the address `make run` serves on, unless SITE_URL says otherwise.
RUN_SITE_URL := $(or $(SITE_URL),http://$(HOST):$(PORT))
run: export SITE_URL := $(RUN_SITE_URL)
run: $(VENV)/.installed
	@mkdir -p var/mail
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@# Without Redis there is no Celery beat: the periodic tasks (mail sweep, campaign reminders) run beside the server.
	@if [ -z "$$REDIS_URL" ]; then $(BIN)/python manage.py run_schedule > var/schedule.log 2>&1 & \
		trap "kill $$! 2>/dev/null" EXIT; fi; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-test npm-packages frab-tools
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The calendar parser the tests read .ics files with (ical.js, Thunderbird's) and the accessibility checker
# they run on the pages (axe-core), from package-lock.json into node_modules/, again only when the lock
# file changed. Without npm those tests skip, saying why.
npm-packages:
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "npm not found: the tests that use ical.js and axe-core will skip (Debian: apt install nodejs npm)"; \
	elif [ ! node_modules/.package-lock.json -nt package-lock.json ]; then \
		npm ci --no-audit --no-fund; \
	fi

# The frab consumers the tests read schedule.json and schedule.xml with (c3voc-schedule-tools; pretalx
# with pretalx-downstream's importer), in a virtual environment of their own: they pin icalendar, lxml,
# pytz and Django apart from .venv. Built from the pinned list, with pretalx's database migrated once
# into .venv-frab/pretalx/, again only when the list changed. Without a Python from 3.10 to 3.12, or
# without the package index, those tests skip, saying why (and fail under REQUIRE_SERVICES=1, as in CI).
frab-tools: $(FRAB_VENV)/.installed

$(FRAB_VENV)/.installed: tests/program/frab_consumers_requirements.txt
	@if [ -z "$(FRAB_PYTHON)" ]; then \
		echo "No Python from 3.10 to 3.12 found: the tests that read the schedules with frab consumers will skip"; \
	else \
		rm -rf $(FRAB_VENV) && $(FRAB_PYTHON) -m venv $(FRAB_VENV) \
		&& $(FRAB_VENV)/bin/python -m pip install --quiet --requirement $< \
		&& mkdir $(FRAB_VENV)/pretalx \
		&& { PRETALX_DATA_DIR=$(FRAB_VENV)/pretalx $(FRAB_VENV)/bin/python -m pretalx migrate --noinput \
			> $(FRAB_VENV)/pretalx/migrate.log 2>&1 || { cat $(FRAB_VENV)/pretalx/migrate.log; false; }; } \
		&& touch $@ \
		|| { rm -rf $(FRAB_VENV); echo "The frab consumers could not be installed: their tests will skip (and fail under REQUIRE_SERVICES=1)"; }; \
	fi

worker: $(VENV)/.installed
	@test -n "$$REDIS_URL" || { echo "make worker needs REDIS_URL, e.g. REDIS_URL=redis://127.0.0.1:6379/0 make worker. Without it, tasks already run inside the web process."; exit 1; }
	$(BIN)/celery --app config worker --loglevel INFO

beat: $(VENV)/.installed
	@test -n "$$REDIS_URL" || { echo "make beat needs REDIS_URL, e.g. REDIS_URL=redis://127.0.0.1:6379/0 make beat."; exit 1; }
	@mkdir -p var
	$(BIN)/celery --app config beat --loglevel INFO --schedule var/celerybeat-schedule

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages $(foreach language,tr en ar fa it el kmr hy es fr pt,--locale $(language)) \
		--ignore .venv --ignore var --ignore tests --ignore node_modules --no-obsolete
	$(BIN)/python manage.py vendor_messages
	$(BIN)/python manage.py compilemessages --ignore .venv --ignore .venv-frab --ignore node_modules

clean:
	rm -rf $(VENV) $(FRAB_VENV) var/static

# The SITE_URL that `make run` serves with.
print-run-site-url:
	@echo "$(RUN_SITE_URL)"
