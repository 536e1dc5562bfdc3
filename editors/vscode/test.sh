#!/usr/bin/env bash
# Runs the editor tests: TextMate grammar tests (vscode-tmgrammar-test) and the snippet checks.
# Prints a final line "editors: N passed, M failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"

passed=0
failed=0

if ! npm ci --no-audit --no-fund --loglevel=error; then
  echo "npm ci failed"
  echo "editors: 0 passed, 1 failed"
  exit 1
fi

# Grammar tests: one test file at a time, so each counts on its own.
shopt -s nullglob
grammar_tests=(test/grammar/*.test.stp)
if [ ${#grammar_tests[@]} -eq 0 ]; then
  echo "no grammar tests found"
  failed=$((failed + 1))
fi
for t in "${grammar_tests[@]}"; do
  # The C grammar that %{ %} embeds is built into VS Code; it is not needed here.
  if out=$(npx --no-install vscode-tmgrammar-test "$t" 2>&1); then
    passed=$((passed + 1))
    echo "ok   grammar $t"
  else
    failed=$((failed + 1))
    echo "FAIL grammar $t"
    echo "$out" | grep -v '^grammar not found for "source.c"$'
  fi
done

# Snippet checks: the script prints "snippets: N passed, M failed".
snip_out=$(node test/snippets.test.js 2>&1)
snip_rc=$?
echo "$snip_out"
line=$(echo "$snip_out" | grep -E '^snippets: [0-9]+ passed, [0-9]+ failed$' | tail -1)
if [ -n "$line" ]; then
  sp=$(echo "$line" | sed -E 's/^snippets: ([0-9]+) passed, ([0-9]+) failed$/\1/')
  sf=$(echo "$line" | sed -E 's/^snippets: ([0-9]+) passed, ([0-9]+) failed$/\2/')
  passed=$((passed + sp))
  failed=$((failed + sf))
fi
if [ "$snip_rc" -ne 0 ] && { [ -z "$line" ] || [ "${sf:-0}" -eq 0 ]; }; then
  failed=$((failed + 1))
fi

echo "editors: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
