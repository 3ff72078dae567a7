#!/usr/bin/env bash
# Installs the peer used by kmeans_sklearn.py: Debian's python3-sklearn (scikit-learn + numpy). Idempotent.
set -euo pipefail
if /usr/bin/python3 -c 'import sklearn, numpy' 2>/dev/null; then
  echo "python3-sklearn already installed: $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)')"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-sklearn
/usr/bin/python3 -c 'import sklearn; print("installed scikit-learn", sklearn.__version__)'
