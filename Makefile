# The README's commands. Everything installs into .venv; nothing global is touched.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# E-mail links point at the address `make run` serves on (honcho gives each process its own
# PORT, so the worker, which sends most e-mail, is told the web server's address).
SITE_URL ?= http://127.0.0.1:$(PORT)
STAMP := $(VENV)/.installed

.PHONY: run test lint install migrate demo bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

# Web server, Celery worker and beat on the embedded broker under var/; Ctrl-C stops all three.
run: demo
	SITE_URL=$(SITE_URL) PORT=$(PORT) $(BIN)/honcho -f Procfile.dev start

test: install
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf var/ $(VENV)
