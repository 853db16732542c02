# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test lint eval eval-real eval-press bench bench-scale clean browser screenshot screenshots serve

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip uninstall --quiet -y checker 2>/dev/null || true  # the old distribution name
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The package's bytecode written now: where the environment forbids writing it at run time
# (PYTHONDONTWRITEBYTECODE), every run would otherwise compile each module again (~0.13 s CPU).
install: $(STAMP)
	$(BIN)/python -m compileall -q checker >/dev/null

run: $(STAMP)
	$(BIN)/checker run seeds/corpus.yaml --rules rules/ --fail-on never

# Style, types, the layering contract (pyproject.toml [tool.importlinter]) and dead code.
lint: $(STAMP)
	$(BIN)/ruff check checker tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/vulture

test: $(STAMP) lint browser
	$(BIN)/python -m pytest

eval: $(STAMP)
	@$(BIN)/checker eval --gold tests/gold --docs seeds

# Goal follow-up over the labelled real plan/review pairs (tests/gold/real/, issue 10).
REALCORPUS ?= ../shared/realcorpus
eval-real: $(STAMP)
	@if [ -d "$(REALCORPUS)" ]; then $(BIN)/checker eval --gold tests/gold/real --docs "$(REALCORPUS)"; \
	else echo "$(REALCORPUS) not found: eval-real skipped"; fi

# Summary fidelity on the labelled press texts of tests/press/ (their reports are in the shared corpus).
eval-press: $(STAMP)
	@if [ -d ../shared/realcorpus ]; then $(BIN)/checker eval --gold tests/press --docs ../shared/realcorpus; \
	else echo "eval-press: skipped, ../shared/realcorpus is absent"; fi

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

# The development split of the real corpus at 1x, 4x, 16x, --jobs 1 and 2 (says so and exits 0 when absent).
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/bench_scale.py

# The web page on this computer: http://127.0.0.1:8000/ (the seeds as its corpus).
serve: $(STAMP)
	$(BIN)/checker serve --corpus seeds/corpus.yaml

# Headless Chromium (Debian's package) and its chromedriver for the HTML page and web page tests
# (Selenium drives it), and a CJK font so screenshots show Chinese. Installed only when missing;
# needs root (CI runs as root).
browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
	  && fc-list 2>/dev/null | grep -qi 'wqy\|noto.*cjk' || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      chromium chromium-driver fonts-wqy-microhei) >/dev/null 2>&1 || echo "browser: apt-get install chromium failed"; \
	  else echo "browser: chromium missing; install it (apt-get install chromium chromium-driver fonts-wqy-microhei)"; fi; }

# Screenshots of the web page's compare, goals and figures pages (docs/web-*.png, in the README),
# taken by the same headless browser the tests drive.
screenshots: $(STAMP) browser
	@mkdir -p docs
	$(BIN)/python tests/web_screenshots.py docs

# The screenshot of `checker compare --format html` in the README (docs/compare.png).
screenshot: $(STAMP) browser
	@mkdir -p docs
	$(BIN)/checker compare seeds/beijing-2024-highlights.txt seeds/beijing-2024-report.txt --format html \
	  --output docs/compare.html
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
	  --disable-sync --no-first-run --user-data-dir=$$(mktemp -d) --window-size=1600,1000 --hide-scrollbars \
	  --screenshot=docs/compare.png "file://$$(pwd)/docs/compare.html#n$$($(BIN)/python -c "import re; \
	  h = open('docs/compare.html', encoding='utf-8').read(); \
	  print(re.findall(r'id=.x(\d+). class=.k-wording_changed.{0,300}?有潜能', h)[0])")" >/dev/null 2>&1
	rm -f docs/compare.html

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache *.egg-info
