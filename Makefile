# The two commands of the README: `make run` and `make test`.
# Both install whatever Debian packages are missing, configure, build.

BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
SCENARIO ?= queue

.PHONY: all deps configure build run test bench clean

all: build

deps:
	@tools/install-deps.sh

$(BUILD_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: $(BUILD_DIR)/CMakeCache.txt

build: deps configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/bin/ipcscope --scenario $(SCENARIO)

test: build
	cd $(BUILD_DIR) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS) --timeout 600

# Benchmarks: a Release build of their own (build-release/), then bench/run.py
# prints one table and writes bench/RESULTS.md (see bench/CMakeLists.txt).
bench: deps
	cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release
	cmake --build build-release -j $(JOBS) --target ipcscope-benchmarks
	python3 bench/run.py --build build-release

clean:
	rm -rf $(BUILD_DIR)
