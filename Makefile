# Two commands on a fresh machine: `make up` (install, import data, run the main job) and
# `make test` (install test tools, run ruff, mypy and pytest).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED_EWP ?= ../shared/data/ewp
export TOCSIN_DATA_DIR ?= tocsin-data

.PHONY: up test lint typecheck pytest bench data constraints clean

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

up: $(VENV)/.runtime data
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

# Refresh the pinned versions after changing dependencies in pyproject.toml.
constraints:
	rm -rf /tmp/tocsin-constraints && $(PYTHON) -m venv /tmp/tocsin-constraints
	/tmp/tocsin-constraints/bin/pip install --quiet -e '.[test]'
	/tmp/tocsin-constraints/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
