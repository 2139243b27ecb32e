# The two commands of the README: `make run` and `make test`.
# Both install whatever Debian packages are missing, configure, build.

BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
SCENARIO ?= queue

.PHONY: all deps configure build run test test-sanitize bench clean

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

# The whole suite again under ASan+UBSan (build-asan/), then the engine's
# threaded tests under TSan (build-tsan/). Any report fails the run; the few
# suppressions (findings inside Qt itself) are in tests/sanitizers/ with why.
# The fuzz tests are skipped here: they are ASan+UBSan builds of their own.
SANITIZER_ENV = QT_QPA_PLATFORM=offscreen \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=0 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizers/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	TSAN_OPTIONS=halt_on_error=1:die_after_fork=0:second_deadlock_stack=1:suppressions=$(CURDIR)/tests/sanitizers/tsan.supp
# die_after_fork=0: QProcess forks with the sampler thread running and the
# child only execs ipcscope-worker, which TSan does not otherwise allow.
TSAN_TESTS = tst_session tst_analyzers
test-sanitize: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		"-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
	cmake --build build-asan -j $(JOBS)
	cd build-asan && $(SANITIZER_ENV) ctest --output-on-failure -j $(JOBS) --timeout 1200 -LE fuzz
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		"-DCMAKE_CXX_FLAGS=-fsanitize=thread -fno-omit-frame-pointer"
	cmake --build build-tsan -j $(JOBS) --target $(TSAN_TESTS)
	cd build-tsan && $(SANITIZER_ENV) ctest --output-on-failure -j $(JOBS) --timeout 1200 \
		-R '^($(subst $(eval) ,|,$(TSAN_TESTS)))$$'

clean:
	rm -rf $(BUILD_DIR)
