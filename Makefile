# The README's two commands: `make run` (the app) and `make test` (the tests).
# Both create .venv and install FitGen into it on first use; nothing else is needed.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.fitgen-installed

# `make run DATA=path/to/folder` opens that folder; without DATA the app opens its demo set.
DATA ?=
PYTEST_ARGS ?=

.PHONY: run test stress install lint bench screenshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python -m fitgen_gui $(DATA)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

# Long fault-injection loops, kept out of `make test`: 20 random SIGKILLs and a crash at
# every file event of an epoch end and a run end.
stress: $(STAMP)
	QT_QPA_PLATFORM=offscreen FITGEN_KILL_TRIALS=20 FITGEN_STRESS=1 $(BIN)/python -m pytest \
		tests/test_faults.py tests/training/test_run_folder_safety.py -k "sigkill or crash" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check fitgen_gui tests bench docs
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/fit_overhead.py

screenshots: $(STAMP)
	$(BIN)/python docs/make_screenshots.py $(if $(DATA),--data $(DATA))

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
