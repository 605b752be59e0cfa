#!/usr/bin/env bash
# tests/mpi/run_failure.sh MPIEXEC FAILURE_TEST: runs failure_test on 2 processes (at most 60 s)
# and checks that the run fails with the failing process's message, and does not hang.
set -u
out=$(timeout 60 "$1" -np 2 --oversubscribe "$2" 2>&1); code=$?
echo "$out"
[ "$code" != 124 ] || { echo "FAILED: the run hung (killed after 60 s)"; exit 1; }
[ "$code" != 0 ] || { echo "FAILED: exit code 0 although a process failed"; exit 1; }
grep -q "failure_test (process 1 of 2): error: the data of this process went missing" <<<"$out" ||
  { echo "FAILED: no message from the failing process"; exit 1; }
echo "ok: exit code $code, the failing process named itself"
