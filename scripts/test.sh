#!/usr/bin/env bash
# The whole test suite, from scratch: venv, package with test extras, ruff, pytest.
set -euo pipefail
. "$(dirname "$0")/_venv.sh" test
.venv/bin/ruff check align tests scripts
.venv/bin/python -m pytest "$@"
