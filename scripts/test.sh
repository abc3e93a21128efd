#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs test dependencies, then runs every
# Swift test target. Extra arguments go to the test runner (e.g. --filter CheckCommandTests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
exec swift test "$@"
