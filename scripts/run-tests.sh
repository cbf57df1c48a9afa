#!/usr/bin/env bash
# Runs every test project (xunit v3 executables) one after the other, keeps each project's output under
# test-results/, and prints the closing line "N passed, N failed, N skipped". Exit code 1 if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
projects=$(find tests -name '*.Tests.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | sort)
total_passed=0; total_failed=0; total_skipped=0; broken=0
for project in $projects; do
  name=$(basename "$project" .csproj)
  log="test-results/$name.log"
  echo "== $name"
  # Each project gets a hard time limit so a hung test cannot eat CI's budget (the integration project alone runs
  # 16-18 min on 2 cores); a test running over 5 min is named in the log (-longRunning) so a hang says where it is.
  timeout --kill-after=30 "${TEST_PROJECT_TIMEOUT:-1800}" \
    dotnet run --no-build --project "$project" -- -noColor -longRunning 300 -xml "test-results/$name.xml" ${TEST_FILTER:-} >"$log" 2>&1
  rc=$?
  summary=$(grep -E "Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+, Skipped: [0-9]+" "$log" | tail -1)
  if [ -z "$summary" ]; then
    echo "   no test summary (exit $rc); last lines of $log:"; tail -20 "$log" | sed 's/^/   | /'
    broken=$((broken + 1)); total_failed=$((total_failed + 1)); continue
  fi
  t=$(sed -E 's/.*Total: ([0-9]+).*/\1/' <<<"$summary"); e=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$summary")
  f=$(sed -E 's/.*Failed: ([0-9]+).*/\1/' <<<"$summary"); s=$(sed -E 's/.*Skipped: ([0-9]+).*/\1/' <<<"$summary")
  n=$(sed -nE 's/.*Not Run: ([0-9]+).*/\1/p' <<<"$summary"); n=${n:-0}
  p=$((t - f - s - n))
  total_passed=$((total_passed + p)); total_failed=$((total_failed + f + e)); total_skipped=$((total_skipped + s + n))
  echo "   $p passed, $((f + e)) failed, $((s + n)) skipped"
  if [ $((f + e)) -gt 0 ] || [ $rc -ne 0 ]; then
    grep -E "\[FAIL\]|Assert|Exception" "$log" | head -40 | sed 's/^/   | /'
    [ $((f + e)) -eq 0 ] && { broken=$((broken + 1)); total_failed=$((total_failed + 1)); }
  fi
done
echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
[ "$total_failed" -eq 0 ]
