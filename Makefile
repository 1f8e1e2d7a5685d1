# The README's commands. Everything installs into .venv; nothing global is touched.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# E-mail links point at the address `make run` serves on (honcho gives each process its own
# PORT, so the worker, which sends most e-mail, is told the web server's address).
SITE_URL ?= http://127.0.0.1:$(PORT)
STAMP := $(VENV)/.installed
# Pinned, hashed installs: requirements-dev.lock (the app, tests and tools) is what .venv
# gets; requirements.lock (the app alone, the same pins) is what a production host gets.
# Both are generated from pyproject.toml by `make lock`; never edit them by hand.
LOCK := requirements-dev.lock
UV_COMPILE := $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --quiet --custom-compile-command "make lock"

.PHONY: run test lint typecheck install migrate demo bench bench-smoke lock upgrade clean

# Re-runs whenever the lock file changes (a pull, `make lock`), not only on a fresh clone.
$(STAMP): $(LOCK)
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	touch $(STAMP)

install: $(STAMP)

# After editing pyproject.toml's dependencies: resolve the lock files again, keeping every
# pin that still satisfies pyproject.toml. The production lock takes the dev lock's pins.
lock: install
	$(UV_COMPILE) --extra dev $(LOCK_ARGS) -o requirements-dev.lock
	$(UV_COMPILE) -c requirements-dev.lock -o requirements.lock
	$(MAKE) install

# The dependency update (what a bot's pull request would do): every package to its newest
# release that pyproject.toml allows; then `make lint test` and commit the two lock files.
# One package only: make lock LOCK_ARGS="--upgrade-package django"
upgrade:
	$(MAKE) lock LOCK_ARGS=--upgrade

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py seed_demo

# Web server, Celery worker and beat on the embedded broker under var/; Ctrl-C stops all three.
run: demo
	SITE_URL=$(SITE_URL) PORT=$(PORT) $(BIN)/honcho -f Procfile.dev start

test: install
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/mypy

typecheck: install
	$(BIN)/mypy

# Every bench/*.py but the helpers (bench/_*.py): a new benchmark is picked up by itself.
# They need DATABASE_URL=postgres://... and CELERY_BROKER_URL=redis://... (README, Benchmarks).
BENCHES := $(filter-out bench/_%,$(sort $(wildcard bench/*.py)))

# Full size, one after the other, each printing its table (the first run loads for minutes).
bench: install
	@for b in $(BENCHES); do echo; $(BIN)/python $$b || exit 1; done

# Tiny sizes, seconds each: every page answers and query counts hold; no timing (CI runs it).
bench-smoke: install
	@failed=""; for b in $(BENCHES); do echo; $(BIN)/python $$b --smoke || failed="$$failed $$b"; done; \
	if [ -n "$$failed" ]; then echo "bench-smoke: FAILED:$$failed"; exit 1; fi

clean:
	rm -rf var/ $(VENV)
