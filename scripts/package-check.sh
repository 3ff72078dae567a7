#!/usr/bin/env bash
# Packs PlaceKit and the placekit tool, installs the tool from the local package folder and runs it, then builds a
# fresh console app that references the packed PlaceKit package and runs the README's quick-start example verbatim.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A private package cache, so a stale PlaceKit 0.1.0 from an earlier run is never used.
export NUGET_PACKAGES="$work/nuget-cache"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$root/Directory.Build.props")"
SECONDS=0

echo "== pack (version $version)"
dotnet pack "$root/src/PlaceKit" -c Release -o "$work/packages" --nologo -v q
dotnet pack "$root/src/PlaceKit.Studio" -c Release -o "$work/packages" --nologo -v q
dotnet pack "$root/src/PlaceKit.Cli" -c Release -o "$work/packages" --nologo -v q
ls -l "$work/packages"
for f in "PlaceKit.$version.nupkg" "PlaceKit.$version.snupkg" "PlaceKit.Studio.$version.nupkg" "PlaceKit.Cli.$version.nupkg"; do
  test -s "$work/packages/$f" || { echo "missing $f"; exit 1; }
done
# The package carries the README, the XML docs, the license expression and the repository (SourceLink) metadata.
/usr/bin/python3 - "$work/packages/PlaceKit.$version.nupkg" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
nuspec = z.read("PlaceKit.nuspec").decode()
for need in ["README.md", "lib/net10.0/PlaceKit.dll", "lib/net10.0/PlaceKit.xml"]:
    assert need in names, f"package lacks {need}: {names}"
for need in ['<license type="expression">MIT</license>', '<repository type="git"', "<readme>README.md</readme>", "<tags>"]:
    assert need in nuspec, f"nuspec lacks {need}"
print("package contents ok:", ", ".join(n for n in names if not n.startswith(("_rels", "package/", "["))))
PY

cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$work/packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML

echo "== dotnet tool (the README's install line, into a tool path instead of --global)"
(cd "$work" && dotnet tool install PlaceKit.Cli --tool-path "$work/tools" --add-source "$work/packages")
"$work/tools/placekit" --help | tee "$work/help.txt"
grep -q '^  placekit \[command\] \[options\]$' "$work/help.txt" || { echo "placekit --help does not name placekit"; exit 1; }
"$work/tools/placekit" --version | grep -q "^$version" || { echo "placekit --version is not $version"; exit 1; }
"$work/tools/placekit" sample --out "$work/homes.csv"
"$work/tools/placekit" define "$work/homes.csv" --out "$work/tool-out"
test -s "$work/tool-out/places.geojson"
# The studio travels inside the tool (ASP.NET Core shared framework, Leaflet embedded): it starts and serves behind its token.
"$work/tools/placekit" studio --help > "$work/studio-help.txt"
grep -q -- "--basemap" "$work/studio-help.txt"
"$work/tools/placekit" studio "$work/tool-out/plan.json" --no-browser --basemap none --port 0 > "$work/studio.txt" 2>&1 &
studio_pid=$!
for _ in $(seq 1 60); do grep -q "token=" "$work/studio.txt" && break; sleep 1; done
url="$(grep -o 'http://127.0.0.1:[0-9]*/?token=[0-9a-f]*' "$work/studio.txt")"
test "$(curl -s -o /dev/null -w '%{http_code}' "${url%%\?*}api/state")" = 401
# (to a file, then grep: with pipefail, grep -q closing the pipe early would fail curl with exit 23)
curl -sf -o "$work/leaflet.js" "${url%%\?*}assets/vendor/leaflet/leaflet.js?token=${url##*token=}"
grep -q "Leaflet 1.9.4" "$work/leaflet.js"
kill "$studio_pid"; wait "$studio_pid" || true
echo "studio from the tool: ok"

echo "== consumer app running the README example"
mkdir -p "$work/consumer"
cat > "$work/consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
</Project>
XML
# The README's library install: the packed folder as a package source (here in the app's own nuget.config rather
# than the user's), then dotnet add package.
cat > "$work/consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
dotnet nuget add source "$work/packages" --name placekit-local --configfile "$work/consumer/nuget.config"
(cd "$work/consumer" && dotnet add package PlaceKit --version "$version")
grep -q "<PackageReference Include=\"PlaceKit\" Version=\"$version\" />" "$work/consumer/Consumer.csproj" || { echo "dotnet add package did not add PlaceKit $version"; exit 1; }
# The README's quick start, verbatim: the first csharp block after the <!-- quickstart --> marker.
awk '/<!-- quickstart -->/{m=1} m&&/^```csharp/{c=1; next} c&&/^```/{exit} c{print}' "$root/README.md" > "$work/consumer/Program.cs"
test -s "$work/consumer/Program.cs" || { echo "README quick start not found"; exit 1; }
cat "$work/consumer/Program.cs"
cp "$work/homes.csv" "$work/consumer/homes.csv"
(cd "$work/consumer" && dotnet run -c Release | tee "$work/consumer.out")
grep -q "places of about" "$work/consumer.out"
for f in homes.csv clusters.csv places.geojson coverage.json; do test -s "$work/consumer/placekit-out/$f"; done


printf 'package check passed: PlaceKit.%s.nupkg %s bytes, PlaceKit.Cli.%s.nupkg %s bytes, %d s\n' \
  "$version" "$(stat -c %s "$work/packages/PlaceKit.$version.nupkg")" \
  "$version" "$(stat -c %s "$work/packages/PlaceKit.Cli.$version.nupkg")" "$SECONDS"
