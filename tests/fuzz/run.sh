#!/bin/sh
# Builds the libFuzzer targets (tests/fuzz/CMakeLists.txt, clang++) in
# BUILD_DIR and runs TARGET for SECONDS on a copy of its seed corpus, so new
# corpus entries never land in the source tree. A crash, a sanitizer report,
# a hang (-timeout) or a rejection without a message fails the test.
# Exit 77 (ctest SKIP_RETURN_CODE) when clang++ or libFuzzer is missing.
# usage: run.sh SOURCE_DIR BUILD_DIR TARGET SECONDS
set -eu
source_dir=$1 build_dir=$2 target=$3 seconds=$4

if ! command -v clang++ >/dev/null 2>&1; then
    echo "SKIP: clang++ is not installed (tools/install-deps.sh installs clang)"
    exit 77
fi
if ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
    clang++ -x c++ -fsanitize=fuzzer - -o /dev/null >/dev/null 2>&1; then
    echo "SKIP: clang++ cannot link libFuzzer (Debian: libclang-rt-14-dev)"
    exit 77
fi

if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake -S "$source_dir/tests/fuzz" -B "$build_dir" -DCMAKE_CXX_COMPILER=clang++ \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build_dir" -j1 --target "$target"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$build_dir/artifacts"
cp "$source_dir/tests/fuzz/corpus/$target/"* "$work/corpus/"
# -timeout: one input taking over 10 s is a hang; -rss_limit_mb: a blow-up.
"$build_dir/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build_dir/artifacts/$target-" -print_final_stats=1 "$work/corpus"
