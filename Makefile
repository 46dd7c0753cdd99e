# One command per task. `make site` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
#: pytest workers: one per core of the 2-core machines the team and CI run on
TEST_WORKERS ?= 2
# The engine that builds docs/ into site/: mkdocs (default) or zensical (make site ENGINE=zensical)
ENGINE ?= mkdocs

.PHONY: site test check review serve clean screenshots bench links lighthouse

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-zensical: $(VENV)/.installed requirements-zensical.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed $(VENV)/.installed-zensical requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	touch $@

## site: check facts.yml and seeds/, generate docs/, build site/ (strict); then journal.json gets what changed and links.txt the new addresses (commit both); ENGINE=zensical builds it with Zensical
site: $(VENV)/.installed $(if $(filter zensical,$(ENGINE)),$(VENV)/.installed-zensical)
	$(PY) -m compileall -q explainer
	$(PY) build_site.py build --engine $(ENGINE)

## check: validation only (fast)
check: $(VENV)/.installed
	$(PY) build_site.py check

## review: write review.html, the editors' review sheet (what changed since the last publication first, then every fact, its status, each quote in its sentence, every problem); not published
review: $(VENV)/.installed
	$(PY) build_site.py review

## serve: live preview on http://127.0.0.1:8000/, regenerated when facts.yml, seeds/ or templates/ change
serve: $(VENV)/.installed
	$(PY) build_site.py serve

## test: lint (ruff), then every test (unit, golden, strict build, browser) on two workers
test: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(PY) -m compileall -q explainer
	$(PY) build_site.py build
	$(PY) -m pytest -n $(TEST_WORKERS)

## screenshots: every page and each diagram at 390 px and 1280 px, light and dark, into screenshots/ (headless Chromium)
screenshots: $(VENV)/.installed-test
	$(PY) scripts/screenshots.py

## links: add the addresses the site now publishes to links.txt (make site does it too; removals need an alias or a redirect)
links: $(VENV)/.installed
	$(PY) build_site.py links --update

## bench: build synthetic stories of 10, 100 and 1,000 articles and the real one; table in BENCHMARK.md
bench: $(VENV)/.installed
	$(PY) -m compileall -q explainer
	$(PY) scripts/bench.py

## lighthouse: mobile Lighthouse on every page, 3 runs each (pinned from npm, Debian's Chromium); median scores in LIGHTHOUSE.md
lighthouse: $(VENV)/.installed-test
	cd tools/lighthouse && npm install --no-audit --no-fund --loglevel=error
	$(PY) build_site.py build
	$(PY) scripts/lighthouse.py

clean:
	rm -rf site .site-new-* .site-old-* .pytest_cache
