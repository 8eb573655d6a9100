# The two commands of README.md: `make run` and `make test`. Nothing else is needed by hand.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000
# Test processes (pytest-xdist); a module runs whole in one, so its fixtures load once.
TEST_WORKERS ?= 2
# Django 6 needs Python 3.12 or newer: the first such interpreter found (override: make PYTHON=...).
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3 $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)

.PHONY: run test demo lint assets

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Cần Python 3.12 trở lên (Django 6). Cài Python 3.12 rồi chạy lại, hoặc: make PYTHON=/đường/dẫn/python3.12"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

assets: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "Không tìm thấy npm: giao diện sẽ thiếu CSS và htmx. Cài Node.js/npm rồi chạy lại."; fi

# `tonghop serve` starts the background task workers (PDFs) beside gunicorn and stops them with it.
run: $(VENV)/.installed assets
	$(BIN)/tonghop demo $(DEMO_FLAGS)
	$(BIN)/tonghop serve $(ADDR)

test: $(VENV)/.installed-test assets
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# The models against the migrations need no database: an in-memory one, whatever DATABASE_URL says.
	DATABASE_URL=sqlite://:memory: DJANGO_SETTINGS_MODULE=tonghop.settings $(BIN)/python -m django makemigrations --check --dry-run
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile
