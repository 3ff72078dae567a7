#!/usr/bin/env bash
# Runs the research scripts in samples/ (C# file-based apps) as a researcher does, against PlaceKit packed to
# artifacts/packages (`dotnet pack PlaceKit.sln -c Release -o artifacts/packages` first), and checks what they print.
# NuGet caches a package by version: a PlaceKit cached by an earlier pack is dropped first (when its hash differs from
# the packed one), and the check ends by comparing the hash of the package the scripts used with the packed one.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)"
package="artifacts/packages/PlaceKit.$version.nupkg"
test -s "$package" || { echo "$package is missing: run dotnet pack PlaceKit.sln -c Release -o artifacts/packages first"; exit 1; }
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}/placekit/$version"
hash() { /usr/bin/python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode())' "$1"; }
packed="$(hash "$package")"
if [ -f "$cache/placekit.$version.nupkg.sha512" ] && [ "$(cat "$cache/placekit.$version.nupkg.sha512")" != "$packed" ]; then
  echo "dropping a stale PlaceKit $version from $cache"
  rm -rf "$cache"
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

run() {   # run SCRIPT EXPECTED-REGEX...: --no-cache rebuilds, so the script never runs against an older PlaceKit
  local script="$1"; shift
  echo "== dotnet run samples/$script.cs"
  dotnet run --no-cache "samples/$script.cs" > "$out/$script.txt"
  cat "$out/$script.txt"
  for want in "$@"; do
    grep -Eq -- "$want" "$out/$script.txt" || { echo "samples/$script.cs: expected a line matching '$want'"; exit 1; }
  done
}

run sweep \
  '^ +300 +1\.5 km +[0-9]+ ' '^ +600 +4\.0 km +[0-9]+ ' \
  '^Places of at least 450 homes: coverage [0-9]+% -> [0-9]+% -> [0-9]+% as the spread limit grows 1\.5 km -> 2\.5 km -> 4 km$'
test "$(grep -Ec '^ +[0-9,]+ +[0-9.]+ km +[0-9]+ ' "$out/sweep.txt")" = 9 || { echo "sweep.cs: expected 9 rows"; exit 1; }
run coverage-by-authority \
  'places of about [0-9,]+ homes covering [0-9]+% of 45,000 homes' \
  '^authority +homes +places +placed +unplaced +coverage +too few homes +too spread$' \
  '^E[0-9]{8} +[0-9,]+ +[0-9]+ +[0-9,]+ +[0-9,]+ +[0-9.]+% +[0-9,]+ +[0-9,]+$' \
  'authorities have no place|Every authority has at least one place'
test "$(grep -Ec '^E[0-9]{8} ' "$out/coverage-by-authority.txt")" = 25 || { echo "coverage-by-authority.cs: expected 25 authorities"; exit 1; }
run compare-plans \
  '^A: k-means: [0-9]+ places of about' '^B: size-constrained: [0-9]+ places of about' \
  '^Of 45,000 homes in both plans: [0-9,]+ placed by both, [0-9,]+ only by A, [0-9,]+ only by B, [0-9,]+ by neither\.$' \
  '^Agreement: [0-9.]+% of the homes placed by both' \
  '^P1 \(A, rank 1\): [0-9,]+ homes'

used="${NUGET_PACKAGES:-$HOME/.nuget/packages}/placekit/$version/placekit.$version.nupkg.sha512"
test "$(cat "$used")" = "$packed" || { echo "the scripts used a PlaceKit $version other than $package"; exit 1; }
echo "samples check passed: sweep.cs, coverage-by-authority.cs, compare-plans.cs ran against $package"
