# Layanan Publik Tulungagung. `make run` serves the portal, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run test screenshots worker beat lint migrate messages clean help

help:
	@echo "make run     create .venv, install, migrate, load demo data, serve http://127.0.0.1:8000"
	@echo "make test    run the whole test suite (SQLite, or PostgreSQL with DATABASE_URL)"
	@echo "make screenshots  run the browser tests and update docs/screenshots and bench/results"
	@echo "make worker  run a Celery worker (needs CELERY_BROKER_URL)"
	@echo "make beat    run Celery beat (needs CELERY_BROKER_URL)"
	@echo "make lint    ruff check"

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/activate
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

migrate: $(VENV)/.runtime
	$(MANAGE) migrate --noinput

run: migrate
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:8000

# Browser tests write screenshots and reports under var/e2e/ (git-ignored) unless E2E_RECORD=1.
# On every core, up to four: each worker has its own test database; a file's tests stay together.
PYTEST_PARALLEL ?= -n auto --maxprocesses 4 --dist loadfile
test: $(VENV)/.dev
	$(VENV)/bin/pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

screenshots: $(VENV)/.dev
	E2E_RECORD=1 $(VENV)/bin/pytest tests/e2e $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .

worker: $(VENV)/.runtime
	@test -n "$$CELERY_BROKER_URL" || { echo "Set CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0"; exit 2; }
	$(VENV)/bin/celery -A portal worker -l info

beat: $(VENV)/.runtime
	@test -n "$$CELERY_BROKER_URL" || { echo "Set CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0"; exit 2; }
	$(VENV)/bin/celery -A portal beat -l info

# Needs GNU gettext; the compiled .mo files are committed so `make run` does not.
messages: $(VENV)/.dev
	$(MANAGE) makemessages -l en --no-obsolete --ignore '.venv/*' --ignore 'var/*'
	$(MANAGE) compilemessages -l en --ignore '.venv/*'

clean:
	rm -rf $(VENV) var
