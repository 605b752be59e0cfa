#!/usr/bin/env bash
# Data-parallel training over MPI on this machine: the flip rule's step at 784 → 6 × 8000 gates
# (build/bench/mpi_step) on 1 and on 2 processes of one thread each, side by side: ROUNDS rounds,
# each running 1 then 2 processes for SECONDS; the ratio is taken within each round (the machine is
# shared) and the median reported.
# usage: bench/compare/mpi_scaling.sh [seconds=10] [batch=8192] [rounds=3]
# Writes bench/results/mpi_scaling.json and bench/results/mpi_scaling.md.
set -euo pipefail
source "$(dirname "$0")/common.sh"
exe=${MPI_STEP:-$repo/build/bench/mpi_step}
[ -x "$exe" ] || { echo "error: $exe not found; build with MPI first (scripts/setup.sh build installs OpenMPI)" >&2; exit 2; }
seconds=${1:-10} batch=${2:-8192} rounds=${3:-3}
[ "$(id -u)" = 0 ] && export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mkdir -p "$repo/bench/results"
lines=()
for r in $(seq "$rounds"); do
  for np in 1 2; do
    line=$(mpirun -np "$np" --oversubscribe "$exe" "$seconds" "$batch")
    echo "round $r: $line" >&2
    lines+=("$line")
  done
done
printf '%s\n' "${lines[@]}" | python3 "$repo/bench/compare/mpi_scaling_report.py" "$repo/bench/results/mpi_scaling"
echo "written: bench/results/mpi_scaling.json, bench/results/mpi_scaling.md"
