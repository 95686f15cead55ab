# Drechtsteden samenwerkingsportaal — `make run` to start, `make test` to test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON_FOR_VENV = $(shell scripts/find-python)

.PHONY: help install install-test run test bench check messages clean

help:
	@echo "make run    - installeer, migreer, laad demodata, start webserver + worker"
	@echo "make test   - installeer testbenodigdheden en draai alle tests"
	@echo "make bench  - draai de benchmarks (DATABASE_URL en REDIS_URL nodig; zie bench/run.py)"

$(PY):
	@python_bin="$(PYTHON_FOR_VENV)"; test -n "$$python_bin" || exit 1; \
	  echo "Virtualenv met $$python_bin"; "$$python_bin" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml constraints.txt
	$(PY) -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

install-test: $(VENV)/.installed-test node_modules/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_data
	scripts/dev

test: install-test
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install-test
	$(PY) -m pytest -m bench -p no:randomly $(PYTEST_ARGS)
	$(PY) bench/run.py $(BENCH_ARGS)

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

messages: install
	$(PY) manage.py makemessages -l en --no-location --ignore=.venv --ignore=node_modules
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules var
