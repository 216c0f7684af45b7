#!/usr/bin/env bash
# Runs every test: installs the real clients (cached in .tools/), builds the solution in Release, runs each test
# project, and ends with one summary line "tests: N passed, M failed[, K skipped]". Exits non-zero if any test
# failed, a test run crashed, or no test ran at all.
set -euo pipefail
cd "$(dirname "$0")"
root="$PWD"
configuration=Release
results="$root/TestResults"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

./scripts/install-clients.sh
dotnet build Emulator.sln -c "$configuration" --nologo

rm -rf "$results"
mkdir -p "$results"
crashed=()
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  echo "=== $name ==="
  # --blame-hang-timeout is a backstop: the tests bound every wait themselves, but a hung run must never hang CI.
  if ! dotnet test "$project" -c "$configuration" --no-build --nologo \
      --results-directory "$results" --logger "trx;LogFileName=$name.trx" \
      --blame-hang-timeout 10m --blame-hang-dump-type none; then
    crashed+=("$name")
  fi
done

# Reads one counter (e.g. passed) from a TRX file's <Counters .../> element; the leading space keeps "passed" from
# matching "passedButRunAborted".
counter() {
  grep -o "<Counters [^>]*" "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0
}

passed=0 failed=0 skipped=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  trx="$results/$name.trx"
  if [ ! -f "$trx" ]; then
    continue
  fi
  p=$(counter passed "$trx")
  f=$(( $(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx") ))
  s=$(counter notExecuted "$trx")
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  # A run that exited non-zero without recording a failure crashed (test host died, hang timeout): count it.
  for c in "${crashed[@]+"${crashed[@]}"}"; do
    if [ "$c" = "$name" ] && [ "$f" -eq 0 ]; then
      echo "error: dotnet test for $name failed without recording a failed test (crash or hang?)" >&2
      failed=$((failed + 1))
    fi
  done
done
for c in "${crashed[@]+"${crashed[@]}"}"; do
  if [ ! -f "$results/$c.trx" ]; then
    echo "error: dotnet test for $c wrote no results" >&2
    failed=$((failed + 1))
  fi
done

summary="tests: $passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then
  summary="$summary, $skipped skipped"
fi
echo
echo "$summary"

if [ "$failed" -gt 0 ]; then
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "error: no tests ran" >&2
  exit 1
fi
