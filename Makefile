# The two set-up commands of the README: `make run` and `make test`.
# Both install the system packages they need first (apt-get when root).

SWIFT ?= swift
RELEASE_BIN = .build/release/batchview
DEBUG_BIN = .build/debug/batchview

.PHONY: deps build release run test test-python lint format fuzz fuzz-short fuzz-inflate bench bench-fixtures soak clean

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build --product batchview

release: deps
	$(SWIFT) build -c release --product batchview

# Builds and opens the inspector on the bundled demo (Assets/digits.h5).
run: release
	$(RELEASE_BIN)

# Checks the formatting (.swift-format), builds everything and runs every test (unit,
# snapshot and end-to-end in tmux), then a 3-epoch memory soak of the debug build, the Python
# package's tests and a short fuzz of the file readers (fuzz-short).
test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	BIN=$(DEBUG_BIN) scripts/soak.sh --quick
	$(MAKE) --no-print-directory test-python
	$(MAKE) --no-print-directory fuzz-short

# The Python package's tests (python/tests, the package imported from the tree, not installed).
test-python:
	PYTHONPATH=python python3 -m pytest -q python/tests

# The code's formatting, as .swift-format describes it: `make format` rewrites, `make lint` checks.
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests

format:
	$(SWIFT) format format -i --recursive --parallel Sources Tests

# Mutation fuzzing of the file readers (scripts/fuzz.py): FUZZ_COUNT mutants of the fixtures and
# Assets, each run through info, frame, bench and dump; findings kept in FUZZ_OUT.
FUZZ_COUNT ?= 10000
FUZZ_SEED ?= 1
FUZZ_OUT ?= /tmp/batchview-fuzz
fuzz: release
	python3 scripts/fuzz.py --count $(FUZZ_COUNT) --seed $(FUZZ_SEED) --bin $(RELEASE_BIN) --out $(FUZZ_OUT)

# The short run of `make test`: 200 mutants of a fixed seed on the debug binary, both cores, a
# generous time limit for a loaded machine (about two minutes; seeds 31, 41, 51 pass).
fuzz-short:
	python3 scripts/fuzz.py --count 200 --seed 31 --jobs 2 --timeout 30 --bin $(DEBUG_BIN) --out /tmp/batchview-fuzz-short

# The exact inflater (Sources/CExactInflate) against zlib on INFLATE_FUZZ_COUNT mutants of zlib's
# streams (seed INFLATE_FUZZ_SEED): the same bytes or both refuse (ExactInflateTests, which `make
# test` runs with 4,000; a million take about a minute).
INFLATE_FUZZ_COUNT ?= 1000000
INFLATE_FUZZ_SEED ?= 16
fuzz-inflate: deps
	$(SWIFT) build --build-tests
	BATCHVIEW_INFLATE_FUZZ_COUNT=$(INFLATE_FUZZ_COUNT) BATCHVIEW_INFLATE_FUZZ_SEED=$(INFLATE_FUZZ_SEED) $(SWIFT) test --skip-build --filter "ExactInflateTests/mutantsGetZlibsVerdict"

# The benchmark fixtures of ../shared/bench (kept out of git, in /tmp/fx).
bench-fixtures:
	@[ -f /tmp/fx/mnistlike.h5 ] || python3 ../shared/bench/make_fixture.py --standard /tmp/fx

# Every benchmark beside its peer in the same run (see scripts/bench-vs-peers.sh).
bench: release bench-fixtures
	scripts/bench-vs-peers.sh

# Memory over time: 20 epochs of bench over mnistlike and kaggle300 with --workers 2, resident
# memory per epoch; fails when it grows 2 % or more after epoch 2 (see scripts/soak.sh).
soak: release bench-fixtures
	scripts/soak.sh

clean:
	rm -rf .build
