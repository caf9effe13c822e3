# In the Room — two commands: `make run` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Every pip install takes its versions from constraints.txt (PIP_CONSTRAINT reaches the isolated
# environments that build wheels, too), so a new release of a tool can't change what make does.
export PIP_CONSTRAINT := $(CURDIR)/constraints.txt
PIP    := $(BIN)/python -m pip install -q -c constraints.txt

.PHONY: run test bench screenshots lint system-deps-run system-deps-test clean dist wheel

run: system-deps-run $(VENV)/.installed-run
	$(BIN)/intheroom demo

# The suite includes tests/wheel: the wheel built, installed in a fresh venv, run from elsewhere.
test: system-deps-test lint $(VENV)/axe/node_modules/axe-core/axe.min.js
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	@# The session clock (run log, its view, catch-up, the session) is held to full branch coverage.
	$(BIN)/python -m coverage run --data-file=$(VENV)/.coverage --branch \
	  --include='desktop/core/clock.py,desktop/core/run_log.py,desktop/core/clock_view.py,desktop/core/catch_up.py' -m pytest -q -p no:cacheprovider tests/unit/core/test_clock.py
	$(BIN)/python -m coverage report --data-file=$(VENV)/.coverage -m --fail-under=100

# ruff (lint and format), mypy (strict), and the CI workflow through actionlint (and shellcheck).
lint: $(VENV)/.installed-test
	$(BIN)/ruff check desktop tests packaging setup.py
	$(BIN)/ruff format --check desktop tests packaging setup.py
	$(BIN)/mypy
	$(BIN)/actionlint -shellcheck=$(BIN)/shellcheck .github/workflows/ci.yml

bench: system-deps-test $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

screenshots: $(VENV)/.installed-test
	$(BIN)/intheroom demo --file $(VENV)/screenshots-demo.room --reset --no-open >/dev/null
	$(BIN)/intheroom tables $(VENV)/screenshots-demo.room --rounds 1 --size 6 --seed 1 \
	  --budget 1 --save >/dev/null
	$(BIN)/intheroom snapshot $(VENV)/screenshots-demo.room --view console --segment 4 \
	  --left 1:30 --size 1280x800 -o resources/screenshots/console.png
	$(BIN)/intheroom snapshot $(VENV)/screenshots-demo.room --view display --segment 4 \
	  --left 29:00 --size 1280x720 -o resources/screenshots/display.png
	$(BIN)/intheroom snapshot $(VENV)/screenshots-demo.room --view display --segment 4 \
	  --left 1:30 --size 1280x720 -o resources/screenshots/display-warning.png
	$(BIN)/intheroom snapshot $(VENV)/screenshots-demo.room --view display --segment 2 \
	  --left=-0:45 --size 1280x720 -o resources/screenshots/display-over.png

# The app as one folder that needs no Python (dist/intheroom, PyInstaller, packaging/intheroom.spec),
# then tested the way a venue laptop runs it: no venv, no PYTHONPATH (tests/dist).
# system-deps-run: the xcb libraries are there to be bundled.
dist: system-deps-run $(VENV)/.installed-dist
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/intheroom.spec
	@du -sh dist/intheroom
	$(BIN)/python -m pytest -p no:cacheprovider tests/dist

# The wheel (dist/intheroom-VERSION-py3-none-any.whl), for `pipx install`. build/lib goes
# first so that nothing removed from the tree can linger in the wheel.
wheel: $(VENV)/.installed-test
	rm -rf build/lib build/bdist.*
	$(BIN)/python -m pip wheel -q --no-deps -w dist .
	@ls dist/intheroom-*.whl

$(VENV)/.installed-dist: pyproject.toml setup.py constraints.txt $(VENV)/bin/python
	$(PIP) -e '.[test,lint,dist]'
	touch $@ $(VENV)/.installed-test $(VENV)/.installed-run

system-deps-run:
	@PYTHON=$(PYTHON) sh packaging/debian-deps.sh run

system-deps-test:
	@PYTHON=$(PYTHON) sh packaging/debian-deps.sh test

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "In the Room needs Python 3.11 or newer; $(PYTHON) is older." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip

$(VENV)/.installed-run: pyproject.toml setup.py constraints.txt $(VENV)/bin/python
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml setup.py constraints.txt $(VENV)/bin/python
	$(PIP) -e '.[test,lint]'
	touch $@ $(VENV)/.installed-run

# axe-core checks the HTML pack's accessibility in chromium (tests/e2e/test_pack_html.py),
# installed from npm as its lock file pins it. Without npm the test skips and says so.
$(VENV)/axe/node_modules/axe-core/axe.min.js: tests/e2e/axe/package.json tests/e2e/axe/package-lock.json $(VENV)/bin/python
	@if command -v npm >/dev/null; then \
	  mkdir -p $(VENV)/axe && cp tests/e2e/axe/package.json tests/e2e/axe/package-lock.json $(VENV)/axe/ && \
	  (cd $(VENV)/axe && npm ci --no-audit --no-fund --loglevel=error) && touch $@; \
	else echo "npm not found: the HTML pack's accessibility test will skip (apt-get install npm)"; fi

# Everything make and the tests create; nothing that is committed.
clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis \
	  tests/artifacts .coverage
	find desktop tests packaging resources -name __pycache__ -type d -prune -exec rm -rf {} +
