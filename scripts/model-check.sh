#!/usr/bin/env bash
# A long model check of the fake: seeded random agent sessions, every step compared with the
# reference model (tests/BambuserCart.Harness.Tests/RealBrowser/ModelChecked). dotnet test runs a
# small budget of it; this runs as many as asked and prints the figure for the README.
#
#   scripts/model-check.sh [SESSIONS] [MAX_STEPS] [SEED]     (defaults: 60 400 20261129)
set -euo pipefail
cd "$(dirname "$0")/.."

export BAMBUSER_CART_MODEL_SESSIONS="${1:-60}"
export BAMBUSER_CART_MODEL_MAX_STEPS="${2:-400}"
export BAMBUSER_CART_MODEL_SEED="${3:-20261129}"

dotnet build tests/BambuserCart.Harness.Tests --nologo -v quiet
started=$(date +%s)
dotnet test tests/BambuserCart.Harness.Tests --no-build --nologo --settings scripts/long-run.runsettings \
  --filter "FullyQualifiedName~Widget_cart_message_diagnostics_and_native_cart_follow_the_model" \
  --logger "console;verbosity=normal" | grep -E "model check:|diverged|minimal session|^\s+[0-9]+\. |^step |Passed!|Failed!"
echo "took $(( $(date +%s) - started )) s"
