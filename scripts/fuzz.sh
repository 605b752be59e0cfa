#!/usr/bin/env bash
# Fuzzes every reader of bitlens with libFuzzer under ASan and UBSan.
#   scripts/fuzz.sh [SECONDS=60] [TARGET...]     each target (default: all) for SECONDS
# Installs clang and its runtime (apt) when missing, builds the targets in build-fuzz/ (BITLENS_FUZZ),
# runs each on a corpus kept in build-fuzz/corpus/TARGET (seeded from tests/fuzz/corpus/TARGET) with the
# dictionary tests/fuzz/dict/TARGET.dict when there is one, and prints the executions of each. Limits:
# 2 GiB RSS, no single allocation over 512 MiB, inputs up to 64 KiB. Exit 1 when a target finds a
# crash, a sanitizer report, a leak, a time-out or an allocation over the limit; the reproducer is
# left in build-fuzz/ (crash-*, leak-*, oom-*, timeout-*).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
source scripts/install_missing.sh
install_missing clang libclang-rt-14-dev cmake ninja-build libboost-dev libntl-dev libgmp-dev zlib1g-dev libcli11-dev nlohmann-json3-dev
build=build-fuzz
root=$PWD
CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBITLENS_FUZZ=ON -DBITLENS_MPI=OFF -DBITLENS_SANITIZE=address,undefined \
  -DBITLENS_BUILD_TESTS=OFF -DBITLENS_BUILD_BENCH=OFF >/dev/null
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(truth pla aiger blif circ rows labelled classifier params zip idx csv)
cmake --build "$build" -j "${JOBS:-$(nproc)}" --target "${targets[@]/#/fuzz_}"
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
failed=0
printf '%-12s %14s %10s  %s\n' target executions exec/s result
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  seeds=(); [ -d "tests/fuzz/corpus/$t" ] && seeds=("tests/fuzz/corpus/$t")
  dict=(); [ -f "tests/fuzz/dict/$t.dict" ] && dict=("-dict=tests/fuzz/dict/$t.dict")
  log="$build/fuzz_$t.log"
  if (cd "$build" && "./tests/fuzz/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=2048 -malloc_limit_mb=512 -max_len=65536 \
        -timeout=10 -print_final_stats=1 "${dict[@]/#-dict=/-dict=$root/}" "corpus/$t" "${seeds[@]/#/$root/}") >"$log" 2>&1; then
    result=ok
  else
    result="FOUND (see $log)"; failed=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'exec/s: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  printf '%-12s %14s %10s  %s\n' "$t" "${runs:-0}" "${rate:-0}" "$result"
done
exit $failed
