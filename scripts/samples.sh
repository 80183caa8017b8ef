#!/usr/bin/env bash
# Proves the packages work as a merchant gets them: packs every package onto the local feed
# (artifacts/packages) under a version of this run's own, runs samples/MerchantTests (which
# references the packages, not the projects), installs the bambuser-cart tool from the feed, and
# validates the sample shop with it.
#
#   scripts/samples.sh [RESULTS_DIR]     (default TestResults/samples: the sample tests' TRX)
set -euo pipefail
cd "$(dirname "$0")/.."

results="${1:-TestResults/samples}"
# A version of its own per run: NuGet caches a package by version, so re-packing 0.1.0 would
# leave the sample testing the build cached first.
version="0.1.0-local.$(date +%Y%m%d%H%M%S)"
tool=$(mktemp -d)
trap 'rm -rf "$tool"' EXIT

rm -rf artifacts/packages
echo "packing $version into artifacts/packages"
dotnet pack --nologo -v quiet -p:Version="$version"

echo "running samples/MerchantTests against the packages"
dotnet test samples/MerchantTests --nologo --results-directory "$results" --logger trx

echo "installing the bambuser-cart tool from the feed"
dotnet tool install bambuser-cart --tool-path "$tool" --add-source artifacts/packages --version "$version" >/dev/null
"$tool/bambuser-cart" validate >"$tool/validate.log" 2>&1 || { cat "$tool/validate.log"; echo "the installed tool's validate failed"; exit 1; }
tail -n 1 "$tool/validate.log"
