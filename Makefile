# The README's two commands: `make run` (the app) and `make test` (the tests).
# Both create .venv and install FitGen into it on first use; nothing else is needed.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.fitgen-installed

# `make run DATA=path/to/folder` opens that folder; without DATA the app opens its demo set.
DATA ?=
PYTEST_ARGS ?=
# Test processes of the slow lane (pytest-xdist): its tests mostly wait on subprocesses,
# TensorFlow's start-up and small trainings, so two share two cores well.
SLOW_WORKERS ?= 2

PHONY_EXTRA := test-fast test-slow test-slurm r-install r-test r-check translations qm
.PHONY: run test $(PHONY_EXTRA) stress install lint bench bench-cleaning screenshots clean bundle bundle-test install-desktop icons

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(STAMP) qm

run: $(STAMP) qm
	$(BIN)/python -m fitgen_gui $(DATA)

# Every test, in two lanes: the fast one first, so a broken basic fails within minutes.
test: test-fast test-slow

# The fast lane (core, data, config, the CLI's refusals, the ui's seams): a few minutes.
test-fast: $(STAMP) qm
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

# What the fast lane leaves out: real trainings, subprocesses, the app end to end.
test-slow: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "slow" -n $(SLOW_WORKERS) $(PYTEST_ARGS)

# The SLURM tests (tests/slurm) on a one-node cluster started here and stopped after.
test-slurm: $(STAMP)
	state=$$(mktemp -d /tmp/fitgen-slurm.XXXXXX); trap '.ci/slurm-down '"$$state" EXIT; \
	eval "$$(.ci/slurm-up $$state)" && QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest \
		-m slurm tests/slurm $(PYTEST_ARGS)

# Long fault-injection loops, kept out of `make test`: 20 random SIGKILLs and a crash at
# every file event of an epoch end and a run end.
stress: $(STAMP)
	QT_QPA_PLATFORM=offscreen FITGEN_KILL_TRIALS=20 FITGEN_STRESS=1 $(BIN)/python -m pytest \
		tests/test_faults.py tests/training/test_run_folder_safety.py -k "sigkill or crash" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check fitgen_gui tests bench docs packaging
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/fit_overhead.py

# -- cleaning (issue 26): near-duplicates vs today's data check; label errors vs cleanlab,
# which is installed here for this bench only (FitGen never imports it).
bench-cleaning: $(STAMP)
	$(BIN)/python bench/duplicates.py
	$(BIN)/python -m pip install --quiet cleanlab
	$(BIN)/python bench/label_issues.py

screenshots: $(STAMP)
	$(BIN)/python docs/make_screenshots.py $(if $(DATA),--data $(DATA))

# The one-folder app, dist/fitgen/ (fitgen-gui and fitgen): about ten minutes on 2 cores.
bundle: qm
	$(BIN)/python -m pip install --quiet -e ".[bundle]"
	@start=$$(date +%s); \
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/fitgen.spec && \
	echo "Built dist/fitgen in $$(( $$(date +%s) - start )) s, $$(du -sh dist/fitgen | cut -f1)"

# The frozen bundle as a user runs it: version, demo, an epoch, export, the window (Xvfb).
bundle-test:
	$(PYTHON) packaging/bundle_test.py dist/fitgen

# FitGen in this user's desktop menu (Linux); `make install-desktop UNINSTALL=1` removes it.
install-desktop: $(STAMP)
	$(BIN)/fitgen install-desktop $(if $(UNINSTALL),--uninstall)

# Redraw the PNG, .ico and .icns icons from resources/icons/fitgen.svg.
icons: $(STAMP)
	$(BIN)/python packaging/make_icons.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache

# --- R package (issue 28): r/fitgen calls this checkout's FitGen through reticulate. ---
R_LIB ?= $(CURDIR)/.r-lib
R_TEST_CALL = library(testthat); library(fitgen); test_dir("testthat", package = "fitgen", load_package = "installed", stop_on_failure = TRUE)
R_ENV = R_LIBS_USER=$(R_LIB) RETICULATE_PYTHON=$(abspath $(BIN))/python PYTHONPATH=$(CURDIR)

r-install: $(STAMP)
	mkdir -p $(R_LIB) && R CMD INSTALL -l $(R_LIB) r/fitgen

r-test: r-install
	cd r/fitgen/tests && $(R_ENV) Rscript -e '$(R_TEST_CALL)'

r-check: $(STAMP)
	tmp=$$(mktemp -d /tmp/fitgen-rcheck.XXXXXX) && cd $$tmp && R CMD build $(CURDIR)/r/fitgen && \
		$(R_ENV) _R_CHECK_FORCE_SUGGESTS_=false R CMD check --no-manual fitgen_*.tar.gz

# -- translations (issue 29): `make translations` brings resources/translations/*.ts in step
# with the sources (pyside6-lupdate over fitgen_gui), fills them from <lang>_texts.py and
# builds the .qm files the app loads; `make qm` (part of `make install`) only builds the .qm.
TS_FILES := $(wildcard resources/translations/fitgen_*.ts)
TR_SOURCES = $(shell find fitgen_gui/ui fitgen_gui/app.py -name '*.py' | sort)
translations: $(STAMP)
	$(BIN)/python resources/translations/make_setting_texts.py
	for ts in $(TS_FILES); do \
		$(BIN)/pyside6-lupdate -no-obsolete -locations none $(TR_SOURCES) -ts $$ts && \
		$(BIN)/python resources/translations/fill.py $$ts || exit 1; done
	$(MAKE) qm

qm: $(STAMP)
	for ts in $(TS_FILES); do $(BIN)/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm || exit 1; done
