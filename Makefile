# annotate — the two set-up commands are `make run` and `make test`.
# Each installs what is missing first (libedit-dev through apt-get; Python
# packages through pip for the test and benchmark references).

SWIFT ?= swift
# Release builds link the Swift runtime statically: start-up drops from
# about 13 ms to under 8 ms (see BENCHMARKS.md).
RELEASE_FLAGS ?= -c release --static-swift-stdlib
SEEDS ?= seeds
PYTHON ?= python3
# Python packages the test suite uses as independent reference clients.
TEST_PY_PACKAGES ?= jsonschema pandas krippendorff scikit-learn=sklearn spacy regex
# Whose annotations `make run` shows: the bundled example unless you say who you are.
ANNOTATOR ?= $(or $(ANNOTATE_ANNOTATOR),example)

# Where `make install` puts annotate (DESTDIR stages it elsewhere).
PREFIX ?= /usr/local
DESTDIR ?=
VERSION := $(shell sed -n 's/.*static let version = "\(.*\)"/\1/p' Sources/annotate/Annotate.swift)
DIST = .build/dist
INSTALLED = $(DESTDIR)$(PREFIX)/bin/annotate $(DESTDIR)$(PREFIX)/share/man/man1/annotate.1 \
	$(DESTDIR)$(PREFIX)/share/bash-completion/completions/annotate \
	$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_annotate \
	$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/annotate.fish

.PHONY: run test build release deps py-deps bench crash fuzz sanitize format lint clean dist install uninstall deb install-check

## Build and start the workbench on the bundled seed documents.
run: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product annotate
	./.build/release/annotate --annotator $(ANNOTATOR) $(SEEDS)

## Build and pass every test.
test: deps py-deps lint
	@scripts/ensure-deps.sh test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

## libedit-dev: as root directly, via sudo otherwise, else print the command.
deps:
	@scripts/ensure-deps.sh

py-deps:
	@scripts/ensure-py.sh $(TEST_PY_PACKAGES)

## Benchmarks (release build); see BENCHMARKS.md.
bench: deps
	@scripts/ensure-deps.sh bench
	@scripts/ensure-py.sh sentencex blingfire pysbd krippendorff
	$(SWIFT) build $(RELEASE_FLAGS) --product annotate
	$(SWIFT) build $(RELEASE_FLAGS) --product annotate-bench
	./.build/release/annotate-bench all

## kill -9 at hundreds of random moments of every kind of mutating command
## (the test suite runs a few dozen); ANNOTATE_CRASH_SEED replays a failure.
CRASH_KILLS ?= 300
crash: deps
	$(SWIFT) build --build-tests
	ANNOTATE_CRASH_KILLS=$(CRASH_KILLS) $(SWIFT) test --skip-build --filter SidecarCrashTests

## Fuzzing (libFuzzer + AddressSanitizer), FUZZ_SECONDS per target; see docs/reliability.md.
FUZZ_SECONDS ?= 60
FUZZ_BUILD = --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
	-Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
fuzz: deps
	$(SWIFT) build $(FUZZ_BUILD) --product annotate-fuzz
	scripts/fuzz.sh $(FUZZ_SECONDS)

## The test suite under AddressSanitizer, then ThreadSanitizer.
sanitize: deps py-deps
	@scripts/ensure-deps.sh test
	$(SWIFT) build --build-tests --scratch-path .build-asan --sanitize=address
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp \
	  $(SWIFT) test --skip-build --scratch-path .build-asan --sanitize=address
	$(SWIFT) build --build-tests --scratch-path .build-tsan --sanitize=thread
	$(SWIFT) test --skip-build --scratch-path .build-tsan --sanitize=thread

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

clean:
	rm -rf .build

## The release binary, its manual page and completion scripts, ready to install.
dist: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product annotate
	mkdir -p $(DIST)
	./.build/release/annotate manual > $(DIST)/annotate.1
	./.build/release/annotate --generate-completion-script bash > $(DIST)/annotate.bash
	./.build/release/annotate --generate-completion-script zsh > $(DIST)/_annotate
	./.build/release/annotate --generate-completion-script fish > $(DIST)/annotate.fish

## Installs the binary, man page and completions under $(DESTDIR)$(PREFIX).
install: dist
	install -D -m 0755 .build/release/annotate $(DESTDIR)$(PREFIX)/bin/annotate
	install -D -m 0644 $(DIST)/annotate.1 $(DESTDIR)$(PREFIX)/share/man/man1/annotate.1
	install -D -m 0644 $(DIST)/annotate.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/annotate
	install -D -m 0644 $(DIST)/_annotate $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_annotate
	install -D -m 0644 $(DIST)/annotate.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/annotate.fish

## Removes exactly what install put there.
uninstall:
	rm -f $(INSTALLED)

## A Debian package (.build/annotate_VERSION_ARCH.deb) that runs without a Swift toolchain.
deb: dist
	@scripts/make-deb.sh $(VERSION)

## Installs into a scratch DESTDIR and a .deb into a scratch root, and runs them.
install-check: deb
	@scripts/install-check.sh $(VERSION)

