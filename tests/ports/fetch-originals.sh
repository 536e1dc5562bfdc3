#!/usr/bin/env bash
# Fetches the SystemTap scripts that tests/StapSharp.Compiler.Tests/Ports ports, each at the commit
# its source is pinned to (tests/ports/sources), into a cache outside the repository (they are other
# projects' code and are never committed here). With them present, the port tests re-derive each
# original's recorded `stap -p1` dump and `-p2` status and check the committed copies are still what
# the originals give.
#
#   bash tests/ports/fetch-originals.sh                                # from each source's repository (needs network)
#   STAPSHARP_ORIGINALS_GIT=/path/to/clones bash tests/ports/fetch-originals.sh
#                                        # or from local clones: /path/to/clones/NAME is a git directory per source
#
# Cache: ${STAPSHARP_ORIGINALS_CACHE:-~/.cache/stapsharp/originals}/<source>/<commit>/<path in the source>
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache_root=${STAPSHARP_ORIGINALS_CACHE:-$HOME/.cache/stapsharp/originals}
inputs=$here/../StapSharp.Compiler.Tests/Ports/Inputs

declare -A repository commit
while read -r name repo pinned; do
  [[ -z $name || $name == \#* ]] && continue
  repository[$name]=$repo
  commit[$name]=$pinned
done < "$here/sources"

# Each port's header names its source and the original's path there: the single source of truth.
pairs=()
for f in "$inputs"/*.cs; do
  source=$(sed -n 's|^// Source: *\([^ ]*\) *$|\1|p' "$f" | head -1)
  original=$(sed -n 's|^// Original: *\([^ ]*\.stp\) *$|\1|p' "$f" | head -1)
  if [[ -z $source || -z $original ]]; then
    echo "fetch-originals: $f has no '// Source:' and '// Original:' header" >&2
    exit 1
  fi
  pairs+=("$source $original")
done
mapfile -t pairs < <(printf '%s\n' "${pairs[@]}" | sort -u)

# The URL of one file at one commit, by where the repository is hosted.
raw_url() {
  local repo=$1 at=$2 path=$3
  case $repo in
    https://sourceware.org/git/*) echo "https://sourceware.org/git/?p=${repo##*/};a=blob_plain;f=$path;hb=$at" ;;
    https://github.com/*) echo "https://raw.githubusercontent.com/${repo#https://github.com/}/$at/$path" ;;
    *) echo "fetch-originals: no way to fetch a single file from $repo" >&2; return 1 ;;
  esac
}

fetched=0
for pair in "${pairs[@]}"; do
  read -r source path <<< "$pair"
  [[ -n ${commit[$source]:-} ]] || { echo "fetch-originals: source '$source' is not in $here/sources" >&2; exit 1; }
  target=$cache_root/$source/${commit[$source]}/$path
  [ -s "$target" ] && continue
  mkdir -p "$(dirname "$target")"
  if [ -n "${STAPSHARP_ORIGINALS_GIT:-}" ]; then
    git --git-dir="$STAPSHARP_ORIGINALS_GIT/$source" show "${commit[$source]}:$path" > "$target.part"
  else
    curl -fsSL "$(raw_url "${repository[$source]}" "${commit[$source]}" "$path")" -o "$target.part"
  fi
  mv "$target.part" "$target"
  fetched=$((fetched + 1))
done
echo "fetch-originals: ${#pairs[@]} originals in $cache_root ($fetched fetched now)"
