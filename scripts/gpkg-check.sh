#!/usr/bin/env bash
# Opens a PlaceKit output folder's places.gpkg with GDAL's ogrinfo (Debian gdal-bin, installed here if missing) and
# fails unless it holds exactly the layers places, footprints and homes, each in the plan's CRS (EPSG:27700 for the
# built-in sample), with one feature per place (places, footprints) and per home (homes), as coverage.json says.
#
# usage: scripts/gpkg-check.sh OUTPUT_FOLDER [EPSG_CODE]
set -euo pipefail
out="$1"; epsg="${2:-27700}"
gpkg="$out/places.gpkg"
if ! command -v ogrinfo >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends gdal-bin >/dev/null
fi
fail() { echo "gpkg-check: FAIL: $*" >&2; exit 1; }
places="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["places"])' "$out/coverage.json")"
homes="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total_homes"])' "$out/coverage.json")"
info="$(ogrinfo -ro -so -al "$gpkg" 2>&1)" || fail "ogrinfo could not open $gpkg: $info"
! grep -qiE '^(ERROR|Warning)' <<<"$info" || fail "ogrinfo reported problems: $(grep -iE '^(ERROR|Warning)' <<<"$info")"
layers="$(sed -n 's/^Layer name: //p' <<<"$info" | paste -sd, -)"
[ "$layers" = "places,footprints,homes" ] || fail "layers are '$layers', expected places,footprints,homes"
for layer in places footprints homes; do
  block="$(awk -v l="$layer" '/^Layer name: /{on=($3==l)} on' <<<"$info")"
  count="$(sed -n 's/^Feature Count: //p' <<<"$block")"
  want=$([ "$layer" = homes ] && echo "$homes" || echo "$places")
  [ "$count" = "$want" ] || fail "layer $layer has $count features, expected $want"
  grep -q "ID\[\"EPSG\",$epsg\]" <<<"$block" || fail "layer $layer is not in EPSG:$epsg"
done
echo "gpkg-check: ok: places.gpkg layers $layers in EPSG:$epsg, $places places, $homes homes"
