# make setup  - create .venv with the pinned stack (mmcv built once, cached)
# make test   - set up if needed, then run the test suite (what CI runs)
# make test-fast - the quick tier for daily work (no tests marked slow)
# make demo   - set up if needed, then run the demo pipeline on synthetic data
# make lint   - flake8, isort and yapf at one line length (setup.cfg)
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.setup-done
SETUP_INPUTS := tools/setup_env.sh setup.cfg setup.py $(wildcard requirements/*.txt)

.PHONY: setup test test-fast demo lint clean-venv

setup: $(STAMP)

$(STAMP): $(SETUP_INPUTS)
	PYTHON=$(PYTHON) VENV=$(VENV) bash tools/setup_env.sh
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest tests -q --durations=25

test-fast: $(STAMP)
	$(PY) -m pytest tests -q -m "not slow"

demo: $(STAMP)
	bash demo/demo.sh

lint: $(STAMP)
	$(PY) -m flake8 vmae2_mmaction tools tests configs demo
	$(PY) -m isort --check-only --diff vmae2_mmaction tools tests demo
	$(PY) -m yapf --diff -r vmae2_mmaction tools tests demo

clean-venv:
	rm -rf $(VENV)
