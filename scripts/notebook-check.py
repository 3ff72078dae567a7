"""Checks that samples/places.ipynb runs: extracts its C# cells into a .NET 10 file-based app against the local
PlaceKit project and runs it (the .NET Interactive kernel cannot be installed here). `#r`/`#!` magics are dropped,
`using` directives are hoisted, and display()/HTML() get console stand-ins."""
import json, pathlib, subprocess, sys, tempfile

root = pathlib.Path(__file__).resolve().parent.parent
nb = json.loads((root / "samples" / "places.ipynb").read_text(encoding="utf-8"))
usings, body = [], []
for cell in nb["cells"]:
    if cell["cell_type"] != "code":
        continue
    for line in "".join(cell["source"]).splitlines():
        s = line.strip()
        if s.startswith("#r ") or s.startswith("#!"):
            continue
        if s.startswith("using ") and s.endswith(";") and "(" not in s and not s.startswith("using var"):
            usings.append(s)
        else:
            body.append(line)
    body.append("")
if not body or not usings:
    sys.exit("notebook has no C# code")

shims = '''
static void display(object? value)
{
    if (value is System.Collections.IEnumerable items && value is not string)
        foreach (var item in items) Console.WriteLine(item);
    else
        Console.WriteLine(value);
}

static string HTML(string html) => html.Length > 200 ? $"<html: {html.Length:N0} characters>" : html;
'''
work = pathlib.Path(tempfile.mkdtemp(prefix="placekit-notebook-"))
app = work / "notebook.cs"
app.write_text(f'#:project {root / "src" / "PlaceKit" / "PlaceKit.csproj"}\n' + "\n".join(dict.fromkeys(usings)) + "\n\n" + "\n".join(body) + shims, encoding="utf-8")
print(f"running {app}", flush=True)
result = subprocess.run(["dotnet", "run", str(app)], cwd=work, capture_output=True, text=True)
print(result.stdout[-3000:])
if result.returncode != 0 or "places of about" not in result.stdout:
    print(result.stderr[-3000:], file=sys.stderr)
    sys.exit(f"notebook check failed (exit {result.returncode})")
print("notebook check passed")
