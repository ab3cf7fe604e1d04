# One command each for the README: `make demo` and `make test` install what is missing first.
VENV ?= .venv
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
APT_PACKAGES := tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng libtesseract5 libmagic1 poppler-utils qpdf \
                rabbitmq-server dovecot-imapd chromium
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-12)

.PHONY: setup system demo test services bench bench-day train eval clean

setup: system $(STAMP)

system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(STAMP): pyproject.toml
	[ -x $(VENV)/bin/python ] || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*; touch $@

services:
	@scripts/ensure-rabbitmq

demo: setup
	[ -f .intake/store/models/classifier/latest ] || $(VENV)/bin/intake train
	$(VENV)/bin/intake demo

train: setup
	$(VENV)/bin/intake train

eval: setup
	$(VENV)/bin/intake eval

test: setup services
	$(VENV)/bin/python -m pytest -q

bench: setup
	$(VENV)/bin/python bench/capture.py

bench-day: setup services
	$(VENV)/bin/python bench/day.py

clean:
	rm -rf .intake
