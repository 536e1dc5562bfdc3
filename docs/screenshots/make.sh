#!/usr/bin/env bash
# Regenerates the PNGs of this folder from real runs in the VM: the live view and the histogram of PythonCallTrace's
# events (samples/PythonCalls, over a small Python program), and a flame graph of StackProfile sampling a Python
# busy loop. Needs what `stapsharp run --vm` needs (runtime/prerequisites.sh) and rsvg-convert (apt-get install librsvg2-bin).
#   bash docs/screenshots/make.sh [CAPTURE]    CAPTURE: a capture of PythonCall events saved before (run -o), to skip that run
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/docs/screenshots"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v rsvg-convert >/dev/null || { echo "make.sh: rsvg-convert is missing: apt-get install librsvg2-bin" >&2; exit 2; }

dotnet build "$root/tools/StapSharp.Screenshots" -c Release -nologo -v quiet -clp:ErrorsOnly
screenshots() { dotnet "$root/tools/StapSharp.Screenshots/bin/Release/net10.0/StapSharp.Screenshots.dll" "$@"; }
# Building the tool builds the command line too.
stapsharp() { dotnet "$root/runtime/StapSharp.Cli/bin/Release/net10.0/StapSharp.Cli.dll" "$@"; }

capture=${1:-}
if [[ -z "$capture" ]]; then
    capture="$work/calls.capture"
    cat >"$work/app.py" <<'PY'
import sys


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def greet(name):
    return "hello " + name


def parse(line):
    return [int(x) for x in line.split(",")]


sys.setprofile(lambda *a: None)
for i in range(60):
    fib(12)
    greet("world")
    parse("1,2,3,4,5")
PY
    (cd "$work" && stapsharp run "$root/samples/PythonCalls/PythonCallTrace.cs" --vm -c 'python3 app.py' -o "$capture" -T 120 >/dev/null)
fi

screenshots aggregate "$capture" "$work"
stapsharp run "$root/samples/StackProfile" --vm --vm-command "python3 -c 'while True: pass'" --flame "$work/flame.svg" -T 10

for name in live histogram flame; do
    rsvg-convert -o "$out/$name.png" "$work/$name.svg"
done
ls -l "$out"/*.png
