# Sourced by demo.sh and test.sh: create .venv if missing and install the package into it.
# Usage: . scripts/_venv.sh [EXTRAS]   (e.g. "test")
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
extras=${1:-}
spec="."
[ -n "$extras" ] && spec=".[${extras}]"
stamp=".venv/.installed-${extras:-base}"
# Reinstall only when the packaging metadata or the compiled extension's source changed (the
# install is editable: Python files are read in place, the C loop is built at install time).
if [ ! -f "$stamp" ] || [ setup.cfg -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ] \
   || [ setup.py -nt "$stamp" ] || [ align/aligner/_fill.c -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
  echo "installing align${extras:+[$extras]} into .venv (log: .venv/install.log)…" >&2
  if ! .venv/bin/python -m pip install --disable-pip-version-check -e "$spec" > .venv/install.log 2>&1; then
    tail -n 20 .venv/install.log >&2
    echo "error: installing the package failed (full log: .venv/install.log)" >&2
    exit 1
  fi
  touch "$stamp"
fi
