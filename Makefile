# shanhai — make demo builds the seed graph; make test sets up and runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= build/seeds

.PHONY: demo test setup system-deps lint bench clean help

help:
	@echo "make demo   set up .venv and build the seed graph into $(OUT)"
	@echo "make test   set up everything the tests need and run them all"
	@echo "make lint   ruff and mypy"
	@echo "make bench  benchmarks (writes benchmarks/results.json)"

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip==26.3 setuptools==80.9.0 wheel==0.45.1
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/shanhai build seeds --out $(OUT)
	@echo
	@echo "Done. Open $(OUT)/graph.html in a browser; the graph is $(OUT)/graph.trig."

# Headless Chromium and a CJK font for the browser tests and the notebooks' charts.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

test: $(STAMP) system-deps
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check extract graph ontology shanhai tests benchmarks
	$(BIN)/mypy extract graph ontology shanhai

bench: $(STAMP) system-deps
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
