#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: installs what is missing (apt, idempotent), builds,
# then runs the main job or the test suite.
#
#   scripts/setup.sh          install + build + learn the default truth table and verify it
#   scripts/setup.sh test     install + build, fuzz every reader briefly (scripts/fuzz.sh
#                             FUZZ_SECONDS, default 10 s each; 0 skips), run the whole test suite (ctest)
#   scripts/setup.sh build    install + build only
#
# Environment: BUILD_DIR (default: build), JOBS (default: nproc), CI=true makes warnings errors.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
case "$mode" in run|test|build) ;; *) echo "usage: scripts/setup.sh [run|test|build]" >&2; exit 2;; esac

source scripts/install_missing.sh
install_missing g++ cmake ninja-build libboost-dev libntl-dev libgmp-dev zlib1g-dev catch2 libbenchmark-dev berkeley-abc yosys

build=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc)}
werror=OFF
[ "${CI:-}" = true ] && werror=ON
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBITLENS_WERROR=$werror >/dev/null
cmake --build "$build" -j "$jobs"

case "$mode" in
  run) exec "$build/bitlens" learn ;;
  test)
    # The brief fuzzing goes first, so that ctest's summary closes the output.
    if [ "${FUZZ_SECONDS:-10}" != 0 ]; then scripts/fuzz.sh "${FUZZ_SECONDS:-10}"; fi
    exec ctest --test-dir "$build" -j "$jobs" --output-on-failure ;;
  build) ;;
esac
