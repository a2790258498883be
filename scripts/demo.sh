#!/usr/bin/env bash
# The main job on the sample corpus: English fragments + French translation → out/.
set -euo pipefail
start=$(date +%s%N)
. "$(dirname "$0")/_venv.sh"
.venv/bin/align demo -o out "$@"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "demo: outputs in $(pwd)/out/: alignment.tmx alignment.tsv unaligned.tsv alignment.json terms.csv issues.csv findings.json report.html"
echo "demo: wall time $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s (including the install check)"
