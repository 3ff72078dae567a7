#!/usr/bin/env bash
# Opens a PlaceKit report.html in headless Chromium as a person would, and fails unless it renders cleanly:
#   - no console message, script error, blocked or failed load (the page logs nothing when healthy; its own
#     script also records errors into #check, and a Content-Security-Policy blocks any network load);
#   - the map holds exactly one hull (data-place) per place the plan has (data-expected-hulls);
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
status="$(attr data-status)"; expected="$(attr data-expected-hulls)"; hulls="$(attr data-hulls)"
errors="$(attr data-errors)"; render_ms="$(attr data-render-ms)"
dom_hulls="$(grep -o 'data-place="' "$profile/dom.html" | wc -l)"
[ "$errors" = "0" ] || fail "$errors error(s) in the page: $(attr data-error-text)"
[ "$hulls" = "$expected" ] || fail "the page counted $hulls hulls, the plan has $expected places"
territories="$(attr data-territories)"
[ "$territories" = "$expected" ] || fail "the page counted $territories territories, the plan has $expected places"
[ "$dom_hulls" = "$expected" ] || fail "the rendered DOM has $dom_hulls hulls, the plan has $expected places"
[ "$status" = "ok" ] || fail "the page's own check says '$status'"

if [ -n "$shot" ]; then
  timeout 180 "$chromium" "${flags[@]}" --screenshot="$(realpath -m "$shot")" "file://$report" >/dev/null 2>&1
  test -s "$shot" || fail "no screenshot written to $shot"
fi
echo "check-report: ok: $hulls hulls and $territories territories for $expected places, no errors; page script done at ${render_ms} ms, chromium wall time ${wall_ms} ms, $(wc -c <"$report") bytes${shot:+, screenshot $shot}"
