# Cordouan: `make run` (single-node demo) and `make test` (all tests) work from a clean clone on Debian 12, as root.
SHELL := /bin/bash
GUEST_DIR ?= /var/cache/cordouan-test-guest
DEMO_DIR ?= $(CURDIR)/.state/demo

.PHONY: deps web build guest test lint run bench clean

deps:
	scripts/install-deps.sh

# The web UI is built before the daemon, which serves web/dist.
web: deps
	scripts/build-web.sh

build: deps web
	dotnet build Cordouan.slnx -nologo -clp:NoSummary -v:q

guest: deps
	scripts/build-test-guest.sh $(GUEST_DIR)

lint: build
	dotnet format Cordouan.slnx --verify-no-changes --no-restore

test: build lint
	CORDOUAN_TEST_GUEST_DIR=$(GUEST_DIR) scripts/run-tests.sh

run: build guest
	GUEST_DIR=$(GUEST_DIR) DEMO_DIR=$(DEMO_DIR) scripts/run-demo.sh

bench: build
	scripts/bench.sh $(BENCH_ARGS)

clean:
	dotnet clean Cordouan.slnx -v:q
	rm -rf test-results web/dist
