# Cordouan: `make run` (single-node demo) and `make test` (all tests) work from a clean clone on Debian 12, as root.
SHELL := /bin/bash
GUEST_DIR ?= /var/cache/cordouan-test-guest
DEMO_DIR ?= $(CURDIR)/.state/demo

.PHONY: deps web build release package guest test lint run bench clean

deps:
	scripts/install-deps.sh

# The web UI is built before the daemon, which serves web/dist.
web: deps
	scripts/build-web.sh

build: deps web
	dotnet build Cordouan.slnx -nologo -clp:NoSummary -v:q

# Release builds of the daemon and the CLI, for `make run` and the benchmarks.
release: deps web
	dotnet build src/Cordouan.Daemon/Cordouan.Daemon.csproj -c Release -nologo -clp:NoSummary -v:q
	dotnet build src/Cordouan.Cli/Cordouan.Cli.csproj -c Release -nologo -clp:NoSummary -v:q

# The Debian package dist/cordouan_<version>_amd64.deb (apt install ./dist/cordouan_*.deb).
package: deps web
	scripts/build-package.sh

guest: deps
	scripts/build-test-guest.sh $(GUEST_DIR)

lint: build
	dotnet format Cordouan.slnx --verify-no-changes --no-restore

# The package tests (Packaging.PackageServiceTests) install the .deb just built.
test: build lint package
	CORDOUAN_TEST_GUEST_DIR=$(GUEST_DIR) CORDOUAN_TEST_DEB=$$(ls $(CURDIR)/dist/cordouan_*_amd64.deb) scripts/run-tests.sh

run: release guest
	GUEST_DIR=$(GUEST_DIR) DEMO_DIR=$(DEMO_DIR) scripts/run-demo.sh

bench: release
	scripts/bench.sh $(BENCH_ARGS)

clean:
	dotnet clean Cordouan.slnx -v:q
	rm -rf test-results web/dist dist
