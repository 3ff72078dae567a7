#!/usr/bin/env bash
# Real authority boundaries as GIS tools see them (issue 14): PlaceKit defines places for homes in north-west Wales
# that carry no authority (each takes the authority whose boundary holds it; two at sea take the nearest within 5 km)
# with the ONS/OS GeoPackage fixture, then GDAL (ogrinfo, SQLite dialect with GEOS) checks the written places.gpkg
# against that same boundary file: every territory inside its own authority's boundary (< 1 m² outside), no two
# territories overlapping (< 1 m²), and each authority's territories + no-place area equal to its boundary's area.
#
# usage: scripts/boundary-check.sh WORK_FOLDER
set -euo pipefail
work="$1"; mkdir -p "$work"
here="$(cd "$(dirname "$0")/.." && pwd)"
data="$here/tests/PlaceKit.Tests/Data/boundaries"
if ! command -v ogrinfo >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends gdal-bin >/dev/null
fi
fail() { echo "boundary-check: FAIL: $*" >&2; exit 1; }
dotnet run -c Release --no-build --project "$here/src/PlaceKit.Cli" -- define "$data/north-west-wales-homes.csv" --out "$work/out" --force \
  --target 60 --min-homes 20 --max-spread-m 5000 --boundaries "$data/north-west-wales-bng.gpkg" --nearest-boundary 5000 > "$work/summary.txt"
grep -q "authority taken from the boundary holding the home for 600 homes" "$work/summary.txt" || fail "summary: $(grep -A3 Boundaries "$work/summary.txt")"
grep -q "2 homes in no boundary took the nearest" "$work/summary.txt" || fail "summary: $(grep -A3 Boundaries "$work/summary.txt")"
cp "$work/out/places.gpkg" "$work/check.gpkg"
ogr2ogr -update "$work/check.gpkg" "$data/north-west-wales-bng.gpkg" authorities -nln boundaries
q() { ogrinfo -ro -q "$work/check.gpkg" -dialect sqlite -sql "$1" | sed -n 's/^ *v ([A-Za-z]*) = //p'; }
places="$(q "SELECT count(*) AS v FROM places")"
[ "$places" -gt 3 ] || fail "only $places places"
outside="$(q "SELECT coalesce(max(coalesce(ST_Area(ST_Difference(p.geom, b.geom)), 0)), -1) AS v FROM places p JOIN boundaries b ON b.LAD13CD = p.authority")"
python3 -c "import sys; v=float('$outside'); sys.exit(0 if 0 <= v < 1 else 1)" || fail "a territory has $outside m² outside its authority's boundary"
overlap="$(q "SELECT coalesce(max(ST_Area(ST_Intersection(a.geom, b.geom))), 0) AS v FROM places a, places b WHERE a.place_id < b.place_id AND ST_Intersects(a.geom, b.geom)")"
python3 -c "import sys; sys.exit(0 if float('$overlap') < 1 else 1)" || fail "two territories overlap by $overlap m²"
for code in W06000001 W06000002 W06000003; do
  boundary="$(q "SELECT ST_Area(geom) AS v FROM boundaries WHERE LAD13CD = '$code'")"
  claimed="$(q "SELECT coalesce(sum(ST_Area(geom)), 0) AS v FROM places WHERE authority = '$code'")"
  noplace="$(python3 -c 'import json,sys; a=[x for x in json.load(open(sys.argv[1]))["by_authority"] if x["authority"]==sys.argv[2]][0]; print(a["no_place_area_km2"]*1e6)' "$work/out/coverage.json" "$code")"
  python3 -c "import sys; b,c,n=map(float,sys.argv[1:]); sys.exit(0 if abs(c+n-b) < 1e-6*b else 1)" "$boundary" "$claimed" "$noplace" \
    || fail "$code: territories $claimed m² + no place $noplace m² != boundary $boundary m²"
done
echo "boundary-check: ok: $places territories inside their authorities' boundaries (worst $outside m² outside), overlap $overlap m², territories + no place = boundary for 3 authorities"
