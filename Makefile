# In the Room — two commands: `make run` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test bench screenshots lint system-deps-run system-deps-test clean dist

run: system-deps-run $(VENV)/.installed-run
	$(BIN)/intheroom demo

test: system-deps-test $(VENV)/.installed-test $(VENV)/axe/node_modules/axe-core/axe.min.js
	$(BIN)/ruff check desktop tests
	$(BIN)/ruff format --check desktop tests
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	@# The session clock's state machine is held to full branch coverage.
	$(BIN)/python -m coverage run --data-file=$(VENV)/.coverage --branch \
	  --include=desktop/core/clock.py -m pytest -q -p no:cacheprovider tests/unit/core/test_clock.py
	$(BIN)/python -m coverage report --data-file=$(VENV)/.coverage -m --fail-under=100

bench: system-deps-test $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

screenshots: $(VENV)/.installed-test
	$(BIN)/intheroom demo --file $(VENV)/screenshots-demo.room --reset --no-open >/dev/null
	$(BIN)/intheroom snapshot $(VENV)/screenshots-demo.room --view console --segment 4 \
	  --size 1280x800 -o resources/screenshots/console.png
	$(BIN)/intheroom snapshot $(VENV)/screenshots-demo.room --view display --segment 4 \
	  --size 1280x720 -o resources/screenshots/display.png

# The app as one folder that needs no Python (dist/intheroom, PyInstaller, packaging/intheroom.spec),
# then tested the way a venue laptop runs it: no venv, no PYTHONPATH (tests/dist).
# system-deps-run: the xcb libraries are there to be bundled.
dist: system-deps-run $(VENV)/.installed-dist
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/intheroom.spec
	@du -sh dist/intheroom
	$(BIN)/python -m pytest -p no:cacheprovider tests/dist

$(VENV)/.installed-dist: pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[test,dist]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed-run

system-deps-run:
	@PYTHON=$(PYTHON) sh packaging/debian-deps.sh run

system-deps-test:
	@PYTHON=$(PYTHON) sh packaging/debian-deps.sh test

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "In the Room needs Python 3.11 or newer; $(PYTHON) is older." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed-run

# axe-core checks the HTML pack's accessibility in chromium (tests/e2e/test_pack_html.py),
# installed from npm as its lock file pins it. Without npm the test skips and says so.
$(VENV)/axe/node_modules/axe-core/axe.min.js: tests/e2e/axe/package.json tests/e2e/axe/package-lock.json $(VENV)/bin/python
	@if command -v npm >/dev/null; then \
	  mkdir -p $(VENV)/axe && cp tests/e2e/axe/package.json tests/e2e/axe/package-lock.json $(VENV)/axe/ && \
	  (cd $(VENV)/axe && npm ci --no-audit --no-fund --loglevel=error) && touch $@; \
	else echo "npm not found: the HTML pack's accessibility test will skip (apt-get install npm)"; fi

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
