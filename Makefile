# The commands people remember. `make run` and `make test` work on a fresh Debian/Ubuntu machine
# with only Python 3.11+ installed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: run serve test lint format messages compile-messages i18n-check bench clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

compile-messages: $(VENV)/.installed
	$(BIN)/python scripts/compile_messages.py

# Where `make run` serves the site (Procfile.dev) and what it tells people to open; the links
# in the mails it sends (SITE_URL) point there too, so following one keeps you signed in.
RUN_ADDRESS := 127.0.0.1:8000

## Web server, Celery worker and Celery beat together (Procfile.dev, scripts/run.py) on SQLite
## and a filesystem broker (unless DATABASE_URL / REDIS_URL say otherwise), with the translated
## error pages members see; `make run DEBUG=1` shows Django's technical pages instead. Each mail
## is one line in the terminal (recipient, subject, links) and a file in var/mail/. Ctrl-C stops
## all three.
run: export SITE_URL := http://$(RUN_ADDRESS)
run: export RUN_ADDRESS := $(RUN_ADDRESS)
run: export DEVELOPMENT := 1
run: export DEBUG ?= 0
run: export DJANGO_RUNSERVER_HIDE_WARNING := true
run: compile-messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo_data
	@echo "Open $(SITE_URL)/ — Ctrl-C stops the web server, the worker and beat."
	PATH="$(CURDIR)/$(BIN):$$PATH" exec $(BIN)/python scripts/run.py Procfile.dev

## Production on this machine (docs/DEPLOY.md): gunicorn, a Celery worker and Celery beat
## (deploy/Procfile) with DEBUG off on the PostgreSQL and Redis of the environment or .env, after
## collectstatic and migrate. Refuses, with one line saying why, when a setting is missing
## (.env.example). gunicorn listens on GUNICORN_BIND (127.0.0.1:8001) for a TLS proxy in front.
serve: export DEBUG := 0
serve: export DEVELOPMENT := 0
serve: compile-messages
	$(BIN)/python scripts/serve.py

## The whole suite on real PostgreSQL and Redis (private ones are started when none answers).
test: $(VENV)/.installed-dev compile-messages
	$(BIN)/python scripts/ensure_packages.py chromium libical nginx
	$(BIN)/python scripts/with_services.py $(BIN)/python -m pytest $(PYTEST_ARGS)

## Performance figures (printed, not asserted) on real PostgreSQL and Redis.
bench: $(VENV)/.installed-dev compile-messages
	$(BIN)/python scripts/with_services.py $(BIN)/python -m bench.pages
	$(BIN)/python scripts/with_services.py $(BIN)/python -m bench.reminders
	$(BIN)/python scripts/with_services.py $(BIN)/python -m bench.feeds
	$(BIN)/python scripts/with_services.py $(BIN)/python -m bench.exports
	$(BIN)/python scripts/ensure_packages.py chromium wrk
	$(BIN)/python scripts/with_services.py $(BIN)/python -m bench.weight
	$(BIN)/python scripts/with_services.py $(BIN)/python -m bench.load

## Ruff, then bandit. In scripts/ bandit skips what ruff's per-file-ignores skip there: starting
## the project's own fixed commands (apt-get, initdb, pg_ctl) from argument lists, never a shell.
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit --quiet --recursive config members events notifications
	$(BIN)/bandit --quiet --recursive scripts --skip B404,B603,B607

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Re-extract translatable strings (needs GNU gettext's xgettext).
messages: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py makemessages --no-location --no-obsolete -l ar -l fa -i '.venv/*' -i 'var/*'
	DEBUG=1 $(BIN)/python manage.py makemessages --no-location --no-obsolete -d djangojs -l ar -l fa -i '.venv/*' -i 'var/*' -i 'static/vendor/*'

## Fails when a string in the code is missing, empty or fuzzy in locale/ar or locale/fa.
i18n-check: $(VENV)/.installed
	$(BIN)/python scripts/i18n_check.py

clean:
	rm -rf var/broker var/celerybeat-schedule* var/static var/serve
