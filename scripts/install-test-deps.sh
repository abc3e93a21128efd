#!/usr/bin/env bash
# Installs what the test suite needs beyond the Swift toolchain, on a fresh Debian machine.
# Idempotent: does nothing when everything is already there.
set -euo pipefail

# Independent validators used by the tests: JSON Schema (jsonschema) over YAML (PyYAML);
# pexpect drives the terminal drill through a real pseudo-terminal; scikit-learn retrains the
# red-line model to check the shipped one matches its training data.
if ! python3 -c 'import jsonschema, yaml, pexpect, sklearn' 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check 'jsonschema>=4.18' 'PyYAML>=6' 'pexpect>=4.8' 'scikit-learn>=1.5'
fi
