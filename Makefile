# Thin front over CMake. Quick start: `make demo`, `make test` (see README.md).
BUILD ?= build
JOBS  ?= $(shell nproc)
PRESET_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all deps build demo test test-unit scaleout-test bench clean format

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja: CMakeLists.txt | deps
	@cmake -S . -B $(BUILD) -G Ninja $(PRESET_FLAGS) >/dev/null

build: deps $(BUILD)/build.ninja
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Workers on a real RabbitMQ broker, disturbed (tests/scaleout/run.sh); SCALEOUT_DOCS=20000.
scaleout-test: build
	@scripts/install-deps --scaleout
	@tests/scaleout/run.sh $(BUILD)/dyad

test-unit: build
	@cd $(BUILD) && ctest --output-on-failure -L unit -j $(JOBS)

bench: build
	@$(BUILD)/dyad bench ../shared/data/news

format:
	@clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	@rm -rf $(BUILD)
