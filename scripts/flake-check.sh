#!/usr/bin/env bash
# Runs the whole suite N times after one build and prints, per test, how often it passed, so a
# flaky test (passing in some runs, failing in others) shows up by name.
#
#   scripts/flake-check.sh [--resume] [N]     (default 10; each run takes the suite's time, about 15 min here)
#
# Results are kept in artifacts/flake-check/run-K/ (the TRX files of run K; .done once it finished).
# --resume keeps the finished runs of an earlier, stopped check and runs only the rest, so ten runs
# can be spread over several sittings; it refuses when the checkout is at another commit than they were.
set -uo pipefail
cd "$(dirname "$0")/.."

resume=false
if [ "${1:-}" = "--resume" ]; then resume=true; shift; fi
runs="${1:-10}"
case "$runs" in ''|*[!0-9]*|0) echo "error: N must be a whole number of 1 or more, got '$runs'" >&2; exit 2 ;; esac
out=artifacts/flake-check
commit=$(git rev-parse HEAD)
if $resume && [ -f "$out/commit" ]; then
  if [ "$(cat "$out/commit")" != "$commit" ]; then
    echo "error: --resume: the finished runs are of commit $(cat "$out/commit"), this checkout is $commit" >&2
    exit 2
  fi
  # A run that was stopped part-way proves nothing: it is run again.
  for dir in "$out"/run-*; do [ -e "$dir/.done" ] || rm -rf "$dir"; done
else
  rm -rf "$out" && mkdir -p "$out" && echo "$commit" > "$out/commit"
fi

dotnet build --nologo -v quiet || exit 3
for run in $(seq 1 "$runs"); do
  [ -e "$out/run-$run/.done" ] && { echo "run $run of $runs: kept from an earlier sitting"; continue; }
  started=$(date +%s)
  dotnet test --no-build --nologo --results-directory "$out/run-$run" >/dev/null 2>&1
  touch "$out/run-$run/.done"
  echo "run $run of $runs: $(( $(date +%s) - started )) s"
done

# One line per test and outcome from every TRX: "<outcome> <test name>".
for trx in "$out"/run-*/*.trx; do
  grep -o '<UnitTestResult [^>]*>' "$trx" \
    | sed -n 's/.*testName="\([^"]*\)".*outcome="\([A-Za-z]*\)".*/\2 \1/p'
done | sort | uniq -c > "$out/outcomes.txt"

tests=$(sed 's/^ *[0-9]* [A-Za-z]* //' "$out/outcomes.txt" | sort -u | wc -l)
flaky=$(sed 's/^ *[0-9]* [A-Za-z]* //' "$out/outcomes.txt" | sort | uniq -d)
failing=$(awk -v n="$runs" '$2 == "Failed" && $1 == n { $1 = ""; $2 = ""; print substr($0, 3) }' "$out/outcomes.txt")

echo
if [ -n "$flaky" ]; then
  echo "flaky (passed in some runs, failed in others):"
  while IFS= read -r name; do
    grep -F " $name" "$out/outcomes.txt" | awk '{ printf "  %s %s", $1, $2 } END { print "" }'
    echo "    $name"
  done <<<"$flaky"
fi
[ -n "$failing" ] && { echo "failed in every run:"; sed 's/^/  /' <<<"$failing"; }
count() { if [ -z "$1" ]; then echo 0; else wc -l <<<"$1" | tr -d ' '; fi; }
echo "$runs runs of $tests tests at $commit: $(count "$flaky") flaky, $(count "$failing") always failing"
[ -z "$flaky" ] && [ -z "$failing" ]
