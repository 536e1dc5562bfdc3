#!/usr/bin/env bash
# `stapsharp build` of every sample against `stap -p2` of the script it writes, side by side in one run:
# for each sample, N rounds, each timing one stap -p2 and one build by each stapsharp in turn (interleaved,
# so all see the same load), then the medians and their ratios (build / stap). Prints the load average
# before and after.
#
# Usage: tests/StapSharp.Benchmarks/Startup/build-vs-stap.sh [-n ROUNDS] [--stapsharp 'COMMAND']... [SAMPLE...]
#   -n ROUNDS         rounds per sample (default 15)
#   --stapsharp CMD   a stapsharp entry point to time; repeat it to compare several (an older checkout's
#                     wrapper, say) in the same rounds. Default: the repository's wrapper, runtime/stapsharp, as
#                     the README's quick start runs it; 'stapsharp' is the installed .NET tool, and
#                     'dotnet runtime/StapSharp.Cli/bin/Release/net10.0/StapSharp.Cli.dll' the CLI without the wrapper
#   SAMPLE            folder names under samples/ (default: every sample; a folder that build does not
#                     translate on its own, a host program, is built through its .csproj, and listed as
#                     skipped when that does not translate alone either)
# stap is run as `stapsharp check` runs it: -r and -R name the prepared kernel tree of the release (in
# ~/.cache/stapsharp) when there is one, else -r RELEASE (the first under /lib/modules with a build tree), and -g
# for a script with embedded C; a sample whose stap -p2 fails (missing debuginfo) is listed as such.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
rounds=15
entries=()
samples=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) rounds=$2; shift 2 ;;
    --stapsharp) entries+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 64 ;;
    *) samples+=("$1"); shift ;;
  esac
done
[ ${#entries[@]} -gt 0 ] || entries=("bash $root/runtime/stapsharp")
[ ${#samples[@]} -gt 0 ] || for dir in "$root"/samples/*/; do samples+=("$(basename "$dir")"); done

release=
for build in /lib/modules/*/build; do
  [ -d "$build" ] && { release=$(basename "$(dirname "$build")"); break; }
done
[ -n "$release" ] || { echo "no kernel build tree under /lib/modules: install the headers (runtime/prerequisites.sh)" >&2; exit 2; }
cache=${XDG_CACHE_HOME:-$HOME/.cache}/stapsharp/$release
kernel=(-r "$release")
[ -f "$cache/.complete" ] && kernel=(-r "$cache/build" -R "$cache/runtime")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Seconds one command takes, its output discarded; "fail" when it fails.
seconds() {
  local start end
  start=$EPOCHREALTIME
  if "$@" >/dev/null 2>&1; then
    end=$EPOCHREALTIME
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }'
  else
    echo fail
  fi
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for i in "${!entries[@]}"; do echo "stapsharp $((i + 1)): ${entries[$i]}"; done
echo "stap: $(stap -V 2>&1 | head -n 1), -p2 ${kernel[*]}"
echo "rounds: $rounds per sample, interleaved; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Runs stapsharp number $1 with the rest as its arguments.
stapsharp() {
  local -a command
  read -r -a command <<<"${entries[$1]}"
  "${command[@]}" "${@:2}"
}

# One build first by each: the wrapper may build the tool, the build server may start; neither is timed.
for i in "${!entries[@]}"; do stapsharp "$i" build "$root/samples/HelloWorld" -o "$work/warm-up" >/dev/null 2>&1 || true; done

header='| sample | stap -p2 median (s) |' rule='|---|---:|'
for i in "${!entries[@]}"; do header+=" build $((i + 1)) median (s) | build $((i + 1)) / stap |"; rule+='---:|---:|'; done
printf '\n%s\n%s\n' "$header" "$rule"
for sample in "${samples[@]}"; do
  out="$work/$sample"
  # The folder, as a probe class is built; a host program's folder does not translate alone, so its project.
  target="$root/samples/$sample"
  if ! stapsharp 0 build "$target" -o "$out" >/dev/null 2>&1; then
    mapfile -t projects < <(find "$target" -maxdepth 1 -name '*.csproj')
    if [ ${#projects[@]} -ne 1 ] || ! stapsharp 0 build "${projects[0]}" -o "$out" >/dev/null 2>&1; then
      printf '| %s | skipped: build translates no script from the folder or its project alone |\n' "$sample"
      continue
    fi
    target=${projects[0]}
    sample="$sample (.csproj)"
  fi
  mapfile -t scripts < <(find "$out" -name '*.stp' | sort)
  stap_command=(stap -p2 "${kernel[@]}")
  grep -q '%{' "${scripts[@]}" && stap_command+=(-g)
  if ! "${stap_command[@]}" "${scripts[@]:0:1}" >/dev/null 2>&1; then
    printf '| %s | skipped: stap -p2 fails here (debuginfo?) |\n' "$sample"
    continue
  fi
  : >"$work/stap.times"
  for i in "${!entries[@]}"; do : >"$work/build$i.times"; done
  for _ in $(seq "$rounds"); do
    for script in "${scripts[@]}"; do seconds "${stap_command[@]}" "$script"; done | awk '{ s += $1 } END { printf "%.3f\n", s }' >>"$work/stap.times"
    for i in "${!entries[@]}"; do seconds stapsharp "$i" build "$target" -o "$out" >>"$work/build$i.times"; done
  done
  stap_median=$(median <"$work/stap.times")
  row="| $sample | $stap_median |"
  for i in "${!entries[@]}"; do
    if grep -q fail "$work/build$i.times"; then
      row+=" a build failed | - |"
      continue
    fi
    build_median=$(median <"$work/build$i.times")
    row+=" $build_median | $(awk -v b="$build_median" -v s="$stap_median" 'BEGIN { printf "%.2f", b / s }') |"
  done
  echo "$row"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
