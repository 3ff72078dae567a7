#!/usr/bin/env bash
# Installs the peers: Debian's python3-sklearn (scikit-learn + numpy) for kmeans_sklearn.py, and with --postgis also
# Debian's postgresql-15-postgis-3 for kmeans_postgis.sh. Idempotent.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
want=()
if /usr/bin/python3 -c 'import sklearn, numpy' 2>/dev/null; then
  echo "python3-sklearn already installed: $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)')"
else
  want+=(python3-sklearn)
fi
if [ "${1:-}" = "--postgis" ]; then
  if [ -f /usr/share/postgresql/15/extension/postgis.control ] && [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    echo "postgresql-15-postgis-3 already installed"
  else
    want+=(postgresql-15-postgis-3)
  fi
fi
[ ${#want[@]} -eq 0 ] && exit 0
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y "${want[@]}"
echo "installed ${want[*]}"
