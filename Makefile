# Thin front over CMake. Quick start: `make demo`, `make test` (see README.md).
BUILD ?= build
JOBS  ?= $(shell nproc)
PRESET_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps build demo serve test test-unit scaleout-test bench clean format fuzz

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja: CMakeLists.txt | deps
	@cmake -S . -B $(BUILD) -G Ninja $(PRESET_FLAGS) >/dev/null

build: deps $(BUILD)/build.ninja
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo

serve: build
	@mkdir -p $(BUILD)/demo
	@$(BUILD)/dyad ingest examples/news.jsonl --db $(BUILD)/demo/dyad.db 2>&1 | tail -n 1
	@$(BUILD)/dyad serve --db $(BUILD)/demo/dyad.db --port $(or $(PORT),8080)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Workers on a real RabbitMQ broker, disturbed (tests/scaleout/run.sh); SCALEOUT_DOCS=20000.
scaleout-test: build
	@scripts/install-deps --scaleout
	@tests/scaleout/run.sh $(BUILD)/dyad

test-unit: build
	@cd $(BUILD) && ctest --output-on-failure -L unit -j $(JOBS)

# libFuzzer targets (clang, ASan+UBSan) in build-fuzz/, each run FUZZ_SECONDS (default 60).
fuzz: deps
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-60} JOBS=$(JOBS) scripts/fuzz

bench: build
	@$(BUILD)/dyad bench ../shared/data/news

format:
	@clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	@rm -rf $(BUILD)
