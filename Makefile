# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test lint eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/checker run seeds/corpus.yaml --rules rules/ --fail-on never

lint: $(STAMP)
	$(BIN)/ruff check checker tests benchmarks

test: $(STAMP) lint
	$(BIN)/python -m pytest

eval: $(STAMP)
	@$(BIN)/checker eval --gold tests/gold --docs seeds

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
