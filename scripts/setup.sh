#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: installs what is missing (apt, idempotent), builds,
# then runs the main job or the test suite.
#
#   scripts/setup.sh          install + build + learn the default truth table and verify it
#   scripts/setup.sh test     install + build; run the whole test suite in a sanitizer build
#                             (ASan + UBSan, in build-sanitize/; SANITIZE=0 skips); fuzz every reader
#                             briefly (scripts/fuzz.sh FUZZ_SECONDS, default 10 s each; 0 skips); run
#                             the whole test suite (ctest)
#   scripts/setup.sh build    install + build only
#
# Environment: BUILD_DIR (default: build), JOBS (default: nproc), CI=true makes warnings errors.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
case "$mode" in run|test|build) ;; *) echo "usage: scripts/setup.sh [run|test|build]" >&2; exit 2;; esac

source scripts/install_missing.sh
install_missing g++ cmake ninja-build libboost-dev libntl-dev libgmp-dev zlib1g-dev libcli11-dev nlohmann-json3-dev gnuplot-nox python3 catch2 libbenchmark-dev berkeley-abc yosys libopenmpi-dev openmpi-bin

build=${BUILD_DIR:-build}
jobs=${JOBS:-$(nproc)}
werror=OFF
[ "${CI:-}" = true ] && werror=ON
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBITLENS_WERROR=$werror >/dev/null
cmake --build "$build" -j "$jobs"

case "$mode" in
  run) exec "$build/bitlens" learn ;;
  test)
    if [ "${SANITIZE:-1}" != 0 ]; then
      # The same suite with address and undefined-behaviour checks: any report fails the test.
      # -O1 keeps the build short; the release build below is what the numbers are measured on.
      # Without MPI: OpenMPI's own allocations at exit would read as leaks; the release build runs
      # the MPI tests.
      cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
        -DBITLENS_SANITIZE=address,undefined -DBITLENS_BUILD_BENCH=OFF -DBITLENS_MPI=OFF -DBITLENS_WERROR=$werror >/dev/null
      cmake --build build-sanitize -j "$jobs"
      log=build-sanitize/ctest.log
      if ! UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ctest --test-dir build-sanitize -j "$jobs" --output-on-failure >"$log" 2>&1; then
        cat "$log"; echo "setup.sh: the test suite failed in the sanitizer build (ASan + UBSan): $log" >&2; exit 1
      fi
      echo "sanitizer build (ASan + UBSan): $(grep -E 'tests passed' "$log")"
    fi
    # The brief fuzzing goes next and ctest last, so that ctest's summary closes the output.
    if [ "${FUZZ_SECONDS:-10}" != 0 ]; then scripts/fuzz.sh "${FUZZ_SECONDS:-10}"; fi
    exec ctest --test-dir "$build" -j "$jobs" --output-on-failure ;;
  build) ;;
esac
