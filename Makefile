# Two commands on a fresh machine: `make up` (install, fetch EWP's data, start the web app on
# 127.0.0.1:8000) and `make test` (install test tools, run ruff, mypy and pytest).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED_EWP ?= ../shared/data/ewp
export TOCSIN_DATA_DIR ?= tocsin-data
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: up forecast test lint typecheck pytest bench bench-web bench-intake data constraints clean messages

$(VENV)/.runtime: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.test: $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# Import EWP's data once: from the local reference copy when there is one, else from the web.
$(TOCSIN_DATA_DIR)/ewp/predictors.csv: | $(VENV)/.runtime
	mkdir -p $(TOCSIN_DATA_DIR)
	if [ -d "$(SHARED_EWP)" ]; then \
		$(BIN)/tocsin data fetch ewp --from "$(SHARED_EWP)"; \
	else \
		$(BIN)/tocsin data fetch ewp; \
	fi

data: $(TOCSIN_DATA_DIR)/ewp/predictors.csv

# The app imports the data itself on first start; without data (offline, no local copy) it still
# starts, and its dashboard says how to load the data.
up: $(VENV)/.runtime
	$(MAKE) --no-print-directory data || echo "make up: no EWP data yet; the dashboard says how to load it"
	$(BIN)/tocsin serve --host $(HOST) --port $(PORT)

# The ranked forecast on the command line, without the web app.
forecast: $(VENV)/.runtime data
	$(BIN)/tocsin risk forecast --model champion --out $(TOCSIN_DATA_DIR)/forecast-latest.csv

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.test
	$(BIN)/mypy

pytest: $(VENV)/.test
	$(BIN)/pytest

test: lint typecheck pytest

# Full benchmarks: minutes, not part of `make test`.
bench: $(VENV)/.runtime data
	$(BIN)/python bench/risk_foos.py

# Web load test on SQLite and PostgreSQL (needs wrk: apt-get install wrk).
bench-web: $(VENV)/.runtime data
	command -v wrk >/dev/null || apt-get install -y -q wrk
	$(BIN)/python bench/web_load.py --workers 2

# Refresh the pinned versions after changing dependencies in pyproject.toml.
constraints:
	rm -rf /tmp/tocsin-constraints && $(PYTHON) -m venv /tmp/tocsin-constraints
	/tmp/tocsin-constraints/bin/pip install --quiet -e '.[test]'
	/tmp/tocsin-constraints/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

# Intake: triage quality and rate on ACLED, then the submission API under load (needs wrk).
bench-intake: $(VENV)/.runtime
	command -v wrk >/dev/null || apt-get install -y -q wrk
	$(BIN)/python bench/intake.py triage
	$(BIN)/python bench/intake.py api

# Re-extract the public pages' strings and merge them into every catalog (then translate the
# new entries in tocsin/web/locale/*/LC_MESSAGES/messages.po).
messages: $(VENV)/.test
	$(BIN)/pybabel extract -F babel.cfg -o /tmp/tocsin-messages.pot --no-location --omit-header .
	$(BIN)/pybabel update -i /tmp/tocsin-messages.pot -d tocsin/web/locale --no-location --no-fuzzy-matching
