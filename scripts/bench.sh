#!/usr/bin/env bash
# The benchmark table: builds the CLI and the benchmarks in Release, then runs every benchmark
# beside its floor and prints medians, spreads and ratios (figures also written as JSON under
# artifacts/bench/). Benchmark 4 reads the TRX files of the last `dotnet test` in TestResults/.
#
#   scripts/bench.sh [--runs N] [--only 1 --only 3 …]   (default: all, 5 timed runs of each after a warm-up)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build --nologo -v quiet -c Release simulator/BambuserCart.Cli >/dev/null
dotnet build --nologo -v quiet -c Release bench/BambuserCart.Bench >/dev/null
dotnet bench/BambuserCart.Bench/bin/Release/net10.0/BambuserCart.Bench.dll "$@"
