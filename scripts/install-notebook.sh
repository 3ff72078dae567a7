#!/usr/bin/env bash
# Installs what the notebook check needs on a fresh machine: Debian's Jupyter (nbconvert and the kernel client) and the
# .NET Interactive C# kernel (a dotnet global tool, registered with Jupyter as `.net-csharp`). About ten seconds when
# the apt packages are already there. Microsoft has deprecated .NET Interactive (2026); the version is pinned.
set -euo pipefail
if ! /usr/bin/python3 -c "import nbconvert, nbformat, jupyter_client" 2>/dev/null || ! command -v jupyter >/dev/null; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq jupyter-nbconvert python3-nbconvert jupyter-client >/dev/null
fi
export PATH="$PATH:$HOME/.dotnet/tools"
if ! dotnet tool list -g | grep -qi '^microsoft.dotnet-interactive *1.0.712001'; then
  dotnet tool uninstall -g Microsoft.dotnet-interactive >/dev/null 2>&1 || true
  dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001
fi
dotnet interactive jupyter install >/dev/null
jupyter kernelspec list 2>/dev/null | grep -q '\.net-csharp' || { echo "the .net-csharp kernel is not registered"; exit 1; }
echo "notebook kernel ready: $(jupyter kernelspec list 2>/dev/null | grep '\.net-csharp')"
