# One command each for the README: `make demo` and `make test` install what is missing first.
VENV ?= .venv
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
APT_PACKAGES := tesseract-ocr tesseract-ocr-fra tesseract-ocr-eng libtesseract5 libmagic1 poppler-utils qpdf \
                rabbitmq-server dovecot-imapd chromium
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-12)
# apt waits for another apt/dpkg (unattended upgrades...) to finish instead of failing at once
APT_GET := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get -o DPkg::Lock::Timeout=300
# the RabbitMQ + S3 demo: a vhost of its own (its queues go with it) and a local S3 server
DEMO_VHOST ?= intake-demo
DEMO_BROKER_URL := amqp://guest:guest@127.0.0.1:5672/$(DEMO_VHOST)
DEMO_STORE_URL := s3://demo:demo-secret@127.0.0.1:8333/intake?secure=false

.PHONY: setup system demo test services s3 demo-services demo-rabbitmq-s3 demo-clean bench bench-day train eval clean

setup: system $(STAMP)

system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq $$missing; \
	fi

$(STAMP): pyproject.toml
	[ -x $(VENV)/bin/python ] || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-*; touch $@

services:
	@scripts/ensure-rabbitmq

demo: setup
	@[ -f .intake/store/models/classifier/latest ] || { echo "training the classifier (first time only, a few minutes)"; $(VENV)/bin/intake train; }
	$(VENV)/bin/intake demo

s3: setup
	@scripts/local-s3 start

# RabbitMQ (vhost $(DEMO_VHOST)) and a local S3 server on loopback, for the demo on real services
demo-services: setup services s3
	@$(SUDO) rabbitmqctl -q add_vhost $(DEMO_VHOST) 2>/dev/null || true
	@$(SUDO) rabbitmqctl -q set_permissions -p $(DEMO_VHOST) guest '.*' '.*' '.*'
	@echo "INTAKE_BROKER_URL=$(DEMO_BROKER_URL)"
	@echo "INTAKE_STORE_URL='$(DEMO_STORE_URL)'"

demo-rabbitmq-s3: demo-services
	@[ -f .intake/models/classifier/intake-classifier.json ] || { echo "training the classifier (first time only, a few minutes)"; $(VENV)/bin/intake train --no-publish; }
	INTAKE_BROKER_URL=$(DEMO_BROKER_URL) INTAKE_STORE_URL='$(DEMO_STORE_URL)' $(VENV)/bin/intake model publish .intake/models/classifier
	INTAKE_BROKER_URL=$(DEMO_BROKER_URL) INTAKE_STORE_URL='$(DEMO_STORE_URL)' $(VENV)/bin/intake demo

# stop the local S3 server (its data under .intake/s3 goes) and delete the demo vhost with its durable queues
demo-clean:
	@scripts/local-s3 stop
	@$(SUDO) rabbitmqctl -q delete_vhost $(DEMO_VHOST) 2>/dev/null && echo "vhost $(DEMO_VHOST) and its queues deleted" || true

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
