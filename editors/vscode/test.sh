#!/usr/bin/env bash
# Runs the editor tests: TextMate grammar tests (vscode-tmgrammar-test), the snippet checks and the command's tests.
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

# Node test files (snippet checks, the show-generated-script command): each prints "NAME: N passed, M failed" last.
node_tests=(test/*.test.js)
if [ ${#node_tests[@]} -eq 0 ]; then
  echo "no node tests found"
  failed=$((failed + 1))
fi
for t in "${node_tests[@]}"; do
  out=$(node "$t" 2>&1)
  rc=$?
  echo "$out"
  line=$(echo "$out" | grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed$' | tail -1)
  tp=0
  tf=0
  if [ -n "$line" ]; then
    tp=$(echo "$line" | sed -E 's/^[a-z-]+: ([0-9]+) passed, ([0-9]+) failed$/\1/')
    tf=$(echo "$line" | sed -E 's/^[a-z-]+: ([0-9]+) passed, ([0-9]+) failed$/\2/')
    passed=$((passed + tp))
    failed=$((failed + tf))
  fi
  # A file that failed without counting a failure (a crash, no summary) still fails the run.
  if [ "$rc" -ne 0 ] && [ "$tf" -eq 0 ]; then
    echo "FAIL $t exited $rc"
    failed=$((failed + 1))
  fi
done

echo "editors: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
