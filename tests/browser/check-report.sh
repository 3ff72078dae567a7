#!/usr/bin/env bash
# Opens a PlaceKit report.html in headless Chromium as a person would, and fails unless it renders cleanly:
#   - no console message, script error, blocked or failed load (the page logs nothing when healthy; its own
#     script also records errors into #check, and a Content-Security-Policy blocks any network load);
#   - the map (the shared map code over the inlined Leaflet) drew one territory per place the plan has
#     (data-expected-hulls), at least one place label, a legend row for every layer, and its first view holds every
#     home in a place (data-fit);
#   - the page's own check says ok.
# Then saves a screenshot.
#
# usage: tests/browser/check-report.sh REPORT.html [SCREENSHOT.png] [WIDTHxHEIGHT]
# Needs Debian's chromium (scripts/install-chromium.sh). Set CHROMIUM to use another binary.
set -euo pipefail
report="$(realpath "$1")"
shot="${2:-}"
size="${3:-1280x1900}"
chromium="${CHROMIUM:-chromium}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-sync --no-first-run --disable-default-apps --hide-scrollbars --user-data-dir="$profile"
       --enable-logging=stderr --v=0 --window-size="${size/x/,}")

start=$(date +%s%N)
timeout 180 "$chromium" "${flags[@]}" --dump-dom "file://$report" >"$profile/dom.html" 2>"$profile/stderr.log"
wall_ms=$(( ($(date +%s%N) - start) / 1000000 ))

fail() { echo "check-report: FAIL: $*" >&2; exit 1; }
attr() { sed -n "s/.*$1=\"\([^\"]*\)\".*/\1/p" <<<"$check"; }

console="$(grep -E ':CONSOLE[:(]' "$profile/stderr.log" || true)"
[ -z "$console" ] || fail "console output while loading the report:"$'\n'"$console"
check="$(grep -o '<div id="check"[^>]*>' "$profile/dom.html" || true)"
[ -n "$check" ] || fail "no #check element in the rendered page (did the page load?)"
status="$(attr data-status)"; expected="$(attr data-expected-hulls)"
errors="$(attr data-errors)"; render_ms="$(attr data-render-ms)"
territories="$(attr data-territories)"; labels="$(attr data-labels)"; legend="$(attr data-legend)"; fit="$(attr data-fit)"
drawn="$(attr data-homes-drawn)"
[ "$errors" = "0" ] || fail "$errors error(s) in the page: $(attr data-error-text)"
[ "$territories" = "$expected" ] || fail "the page drew $territories territories, the plan has $expected places"
[ "${legend:-0}" -ge 5 ] || fail "the legend has ${legend:-no} rows (one a layer expected)"
if [ "$expected" -gt 0 ]; then
  [ "${labels:-0}" -gt 0 ] || fail "no place label drawn"
  [ "$fit" = "yes" ] || fail "the first view does not hold the places (data-fit=$fit)"
fi
grep -q 'leaflet-container' "$profile/dom.html" || fail "Leaflet did not set up the map"
[ "$status" = "ok" ] || fail "the page's own check says '$status'"

if [ -n "$shot" ]; then
  timeout 180 "$chromium" "${flags[@]}" --screenshot="$(realpath -m "$shot")" "file://$report" >/dev/null 2>&1
  test -s "$shot" || fail "no screenshot written to $shot"
fi
echo "check-report: ok: $territories territories for $expected places, $labels place labels, $legend legend rows, first view fits the places (zoom $(attr data-zoom)), $drawn homes drawn, no errors; map drawn in ${render_ms} ms, chromium wall time ${wall_ms} ms, $(wc -c <"$report") bytes${shot:+, screenshot $shot}"
