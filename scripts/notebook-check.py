"""Runs samples/places.ipynb under the real .NET Interactive C# kernel (`jupyter nbconvert --execute`, kernel
`.net-csharp`) and checks the executed notebook: every code cell ran, no cell raised an error, and the outputs hold
what a reader should see (the headline, tables, the map as HTML with one outline a place).

Needs PlaceKit packed into artifacts/packages first (`dotnet pack PlaceKit.sln -c Release -o artifacts/packages`) and
the kernel installed (scripts/install-notebook.sh). NuGet caches packages by version, so a PlaceKit 0.1.0 restored
by an earlier run could hide the freshly packed one: the notebook's first cell drops such a copy, and this check
compares the hash of the package the kernel restored with the packed one.

Usage: python3 scripts/notebook-check.py [--keep OUT.ipynb]"""
import base64, hashlib, json, os, pathlib, re, shutil, subprocess, sys, tempfile

root = pathlib.Path(__file__).resolve().parent.parent
notebook = root / "samples" / "places.ipynb"
version = re.search(r"<Version>([^<]+)</Version>", (root / "Directory.Build.props").read_text(encoding="utf-8")).group(1)
package = root / "artifacts" / "packages" / f"PlaceKit.{version}.nupkg"
if not package.is_file():
    sys.exit(f"{package} is missing: run `dotnet pack PlaceKit.sln -c Release -o artifacts/packages` first")

keep = None
if len(sys.argv) == 3 and sys.argv[1] == "--keep":
    keep = pathlib.Path(sys.argv[2]).resolve()

work = pathlib.Path(tempfile.mkdtemp(prefix="placekit-notebook-"))
env = dict(os.environ)
env["PATH"] = env.get("PATH", "") + os.pathsep + str(pathlib.Path.home() / ".dotnet" / "tools")
env["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1"
cache = pathlib.Path(env.get("NUGET_PACKAGES") or pathlib.Path.home() / ".nuget" / "packages")

source = json.loads(notebook.read_text(encoding="utf-8"))
first, second = ["".join(c["source"]) for c in source["cells"] if c["cell_type"] == "code"][:2]
if 'Path.Combine("..", "artifacts", "packages")' not in first or '#i' not in first or f'#r "nuget: PlaceKit, {version}"' not in second:
    sys.exit(f"the notebook's first code cells must take PlaceKit {version} from ../artifacts/packages; they are:\n{first}\n{second}\n"
             "(regenerate them with python3 scripts/make-notebook.py)")

executed = work / "places.executed.ipynb"
# --allow-errors: run every cell and keep each error in the notebook, so the check below reports them all with the
# compiler's messages (a failing cell still fails the check).
cmd = ["jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors", "--ExecutePreprocessor.kernel_name=.net-csharp",
       "--ExecutePreprocessor.timeout=600", "--output", str(executed), str(notebook)]
print("running", " ".join(cmd), f"(NUGET_PACKAGES={cache})", flush=True)
run = subprocess.run(cmd, cwd=notebook.parent, env=env, capture_output=True, text=True)
if run.returncode != 0:
    print(run.stdout[-4000:])
    print(run.stderr[-8000:], file=sys.stderr)
    sys.exit(f"notebook check failed: nbconvert exited {run.returncode}")
if keep:
    shutil.copyfile(executed, keep)

nb = json.loads(executed.read_text(encoding="utf-8"))
problems = []


def texts(cell, mime):
    out = []
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream":
            if mime == "text/plain":
                out.append("".join(o["text"]))
        elif mime in o.get("data", {}):
            data = o["data"][mime]
            out.append("".join(data) if isinstance(data, list) else data)
    return "\n".join(out)


code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
for n, cell in enumerate(code_cells, 1):
    src = "".join(cell["source"]).strip().splitlines()[0]
    if cell.get("execution_count") is None:
        problems.append(f"cell {n} ({src}) did not run")
    for o in cell.get("outputs", []):
        if o["output_type"] == "error":
            problems.append(f"cell {n} ({src}) failed: {o.get('ename')}: {o.get('evalue')}")
        if o["output_type"] == "stream" and o.get("name") == "stderr":
            problems.append(f"cell {n} ({src}) wrote to stderr: {''.join(o['text'])[:500]}")


def cell_with(snippet):
    for cell in code_cells:
        if snippet in "".join(cell["source"]):
            return cell
    problems.append(f"no code cell contains {snippet!r}")
    return {"outputs": []}


headline = texts(cell_with("PlaceDefiner.Create"), "text/plain")
m = re.search(r"(\d+) places of about [\d,]+ homes covering \d+% of [\d,]+ homes", headline)
if not m:
    problems.append(f"the plan cell does not show the headline; it shows: {headline[:500]!r}")
places = int(m.group(1)) if m else -1
for snippet, what in [("plan.Coverage.ByAuthority", "the coverage table"), ("plan.Places", "the places table"),
                      ("plan.Trimmed", "the trimmed clusters table")]:
    html = texts(cell_with(snippet), "text/html")
    if "<table" not in html:
        problems.append(f"{what} is not shown as an HTML table")
close_up = cell_with("plan.GetPlace")
if not re.search(r"P1: rank 1, [\d,]+ homes in \S+, r90 [\d,]+ m", texts(close_up, "text/plain")) or "<table" not in texts(close_up, "text/html"):
    problems.append("the place close-up does not show P1's figures and its homes as a table")
if not re.search(r"Home \S+ is in P1", texts(close_up, "text/plain")):
    problems.append("the place close-up does not find the home's place by id")
map_html = texts(cell_with("PlanReport.ToHtml"), "text/html")
hulls = len(re.findall(r'data-place="', map_html))
if 'class="placekit-plan"' not in map_html or '<svg id="map"' not in map_html:
    problems.append("the map cell does not display the plan's HTML with its SVG map")
elif hulls != places:
    problems.append(f"the map shows {hulls} place outlines; the headline says {places} places")

# The kernel used the package just packed, not one cached by an earlier run.
packed = base64.b64encode(hashlib.sha512(package.read_bytes()).digest()).decode()
restored = cache / "placekit" / version.lower() / f"placekit.{version.lower()}.nupkg.sha512"
if not restored.is_file():
    problems.append(f"the kernel did not restore PlaceKit into {cache}")
elif restored.read_text().strip() != packed:
    problems.append(f"the kernel used a stale PlaceKit {version} from {restored.parent}, not {package}; "
                    "delete that folder (NuGet caches packages by version)")

for n, cell in enumerate(code_cells, 1):
    kinds = sorted({k for o in cell.get("outputs", []) for k in o.get("data", {"stream": 0})})
    print(f"  cell {n}: {''.join(cell['source']).strip().splitlines()[0][:60]:60}  -> {', '.join(kinds) or 'no output'}")
if problems:
    print("\n".join("  problem: " + p for p in problems), file=sys.stderr)
    sys.exit(f"notebook check failed: {len(problems)} problem(s)")
print(f"notebook check passed: {len(code_cells)} code cells ran under the .net-csharp kernel; {places} places, "
      f"{hulls} outlines on the map ({len(map_html):,} characters of HTML); PlaceKit {version} from {package.parent}")
shutil.rmtree(work, ignore_errors=True)
