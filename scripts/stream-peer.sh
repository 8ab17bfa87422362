#!/usr/bin/env bash
# The scikit-learn peer of `precis cluster` on a labelled story stream:
# agglomerative clustering (tf-idf, cosine, average link) over a grid of
# distance thresholds, and HDBSCAN, scored by B-cubed and pairwise F1.
#
#   bash scripts/stream-peer.sh [STREAM.jsonl.gz]   (default ../shared/data/stream-dev.jsonl.gz)
#
# Creates its own virtual environment (.venv-stream, or $VENV) with scikit-learn.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${PRECIS_DATA:-$root/../shared/data}"
stream="${1:-$data/stream-dev.jsonl.gz}"
venv="${VENV:-$root/.venv-stream}"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet scikit-learn
fi
exec "$venv/bin/python" "$root/scripts/stream_peer.py" "$stream" "${@:2}"
