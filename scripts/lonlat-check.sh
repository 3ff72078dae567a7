#!/usr/bin/env bash
# Issue 12: the same stock given as British National Grid and as WGS84 lon/lat (converted by PROJ's cs2cs with the same
# 7-parameter Helmert PlaceKit uses) gives the same plan: every home in the same cluster and place.
# Usage: bash scripts/lonlat-check.sh [WORKDIR]   (installs Debian's proj-bin when cs2cs is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cs2cs >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends proj-bin >/dev/null
fi
work="${1:-$(mktemp -d)}"; mkdir -p "$work"
cli=(dotnet run -c Release --no-build --project src/PlaceKit.Cli --)
bng="+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m"
rm -f "$work/bng.csv"
"${cli[@]}" sample --out "$work/bng.csv" > /dev/null
tail -n +2 "$work/bng.csv" | cut -d, -f2,3 | tr , ' ' | cs2cs $bng +to +proj=longlat +datum=WGS84 -f %.10f \
  | awk '{print $1","$2}' > "$work/lonlat.cols"
{ echo "id,longitude,latitude,authority"
  paste -d, <(tail -n +2 "$work/bng.csv" | cut -d, -f1) "$work/lonlat.cols" <(tail -n +2 "$work/bng.csv" | cut -d, -f4); } > "$work/lonlat.csv"
for f in bng lonlat; do
  rm -rf "$work/out-$f"
  "${cli[@]}" define "$work/$f.csv" --out "$work/out-$f" > "$work/$f.txt" 2>&1
done
# Every home's cluster, place and status, by column name: identical for every home.
/usr/bin/python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
def read(f):
    with open(f"{work}/out-{f}/homes.csv", newline="") as h:
        return {r["id"]: (r["cluster_id"], r["place_id"], r["status"]) for r in csv.DictReader(h)}
a, b = read("bng"), read("lonlat")
differ = [i for i in a if a[i] != b.get(i)]
if len(a) != len(b) or differ:
    sys.exit(f"lonlat-check: {len(differ)} of {len(a)} homes differ between the BNG and the lon/lat run, e.g. {differ[:5]}")
print(f"lonlat-check: {len(a):,} homes, same cluster and place from British National Grid and from PROJ's lon/lat")
PY
