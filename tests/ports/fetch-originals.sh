#!/usr/bin/env bash
# Fetches the SystemTap example scripts that tests/StapSharp.Compiler.Tests/Ports ports, at the
# pinned SystemTap commit, into a cache outside the repository (they are SystemTap's code, GPL, and
# are never committed here). With them present, the port tests re-derive each original's recorded
# `stap -p1` dump and `-p2` status and check the committed copies are still what the originals give.
#
#   bash tests/ports/fetch-originals.sh                  # from sourceware.org (needs network)
#   SYSTEMTAP_GIT=/path/to/systemtap.git bash tests/ports/fetch-originals.sh   # from a local clone
#
# Cache: ${STAPSHARP_EXAMPLES_CACHE:-~/.cache/stapsharp/examples}/<commit>/<path in the examples folder>
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
commit=$(tr -d '[:space:]' < "$here/systemtap-commit")
cache=${STAPSHARP_EXAMPLES_CACHE:-$HOME/.cache/stapsharp/examples}/$commit
examples=testsuite/systemtap.examples

# The originals' paths are the single source of truth in the port catalogue's header lines.
mapfile -t paths < <(sed -n 's|^// Original: \([^ ]*\.stp\).*|\1|p' "$here"/../StapSharp.Compiler.Tests/Ports/Inputs/*.cs | sort -u)
if [ ${#paths[@]} -eq 0 ]; then
  echo "fetch-originals: no '// Original: <path>' header in Ports/Inputs/*.cs" >&2
  exit 1
fi

fetched=0
for path in "${paths[@]}"; do
  target=$cache/$path
  [ -s "$target" ] && continue
  mkdir -p "$(dirname "$target")"
  if [ -n "${SYSTEMTAP_GIT:-}" ]; then
    git --git-dir="$SYSTEMTAP_GIT" show "$commit:$examples/$path" > "$target.part"
  else
    curl -fsSL "https://sourceware.org/git/?p=systemtap.git;a=blob_plain;f=$examples/$path;hb=$commit" -o "$target.part"
  fi
  mv "$target.part" "$target"
  fetched=$((fetched + 1))
done
echo "fetch-originals: ${#paths[@]} originals in $cache ($fetched fetched now)"
