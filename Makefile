# ersatz — the two commands a newcomer needs:
#   make demo    install dependencies, build, run the main job on bundled data
#   make test    install dependencies, build, run every test
# and for developers: make bench, make test-asan, make fuzz, make docs, make clean.

JOBS        ?= $(shell nproc)
BUILD       ?= build
ASAN_BUILD  ?= build-asan
FUZZ_BUILD  ?= build-fuzz
FUZZ_SECONDS ?= 60
CMAKE_FLAGS ?=

.PHONY: all deps build demo test test-asan fuzz bench docs clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)/ersatz

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DERSATZ_SANITIZE=ON -DERSATZ_BENCH=OFF >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# libFuzzer on the CSV reader and on the whole command line (random verbs, flags and values over
# small files) for FUZZ_SECONDS each, and on the model file's container and on a generator loaded
# from an arbitrary header (then sampled) for half that each, each starting from its seed corpus
# in tests/fuzz/corpus. A CLI run longer than 120 s, or a generator one longer than 30 s, counts
# as a hang.
fuzz: deps
	CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DERSATZ_FUZZ=ON \
	  -DERSATZ_SANITIZE=ON -DERSATZ_TESTS=OFF -DERSATZ_BENCH=OFF >/dev/null
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target csv_fuzzer model_loader_fuzzer generator_fuzzer cli_fuzzer
	scripts/run-fuzzer.sh $(FUZZ_BUILD)/csv_fuzzer tests/fuzz/corpus/csv $(FUZZ_SECONDS)
	scripts/run-fuzzer.sh $(FUZZ_BUILD)/model_loader_fuzzer tests/fuzz/corpus/model $$(( $(FUZZ_SECONDS) / 2 ))
	scripts/run-fuzzer.sh $(FUZZ_BUILD)/generator_fuzzer tests/fuzz/corpus/generator $$(( $(FUZZ_SECONDS) / 2 )) -timeout=30
	scripts/run-fuzzer.sh $(FUZZ_BUILD)/cli_fuzzer tests/fuzz/corpus/cli $(FUZZ_SECONDS) -timeout=120

bench: build
	@scripts/bench.sh $(BUILD)
	@scripts/bench-generator.sh $(BUILD)
	@scripts/bench-dp.sh $(BUILD)
	@/usr/bin/python3 scripts/bench_fidelity.py $(BUILD)

# Regenerates docs/cli.md from the parameter tables.
docs: build
	$(BUILD)/ersatz help-markdown > docs/cli.md

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
