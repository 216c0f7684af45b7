#!/usr/bin/env bash
# The one benchmark command: builds the emulator, the bare ASP.NET Core baseline (bench/BareServer) and the harness
# (bench/Emulator.Bench) in Release, runs every benchmark (~4 minutes) and writes docs/benchmarks.md.
#
#   bench/run.sh                 full run, writes docs/benchmarks.md
#   BENCH_QUICK=1 bench/run.sh   short smoke run (seconds per figure), writes bench/results/benchmarks-quick.md
#
# Everything is built into the git-ignored bench/results/artifacts (with --artifacts-path), so a benchmark never
# overwrites, or is overwritten by, the binaries a concurrent `./test.sh` is running. Servers listen on random free
# loopback ports with temporary data dirs; every process started is killed on exit, failure or Ctrl+C.
# Raw results (JSON) and the server logs of the last run are copied to bench/results/latest/.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
artifacts="$root/bench/results/artifacts"
latest="$root/bench/results/latest"

if [ ! -x .tools/bin/kubectl ]; then
  ./scripts/install-clients.sh
fi

build() {
  echo "=== dotnet build $1 -c Release"
  dotnet build "$1" -c Release --nologo -v quiet -clp:ErrorsOnly --artifacts-path "$artifacts"
}
build src/Api
build bench/BareServer
build bench/Emulator.Bench

quick=()
out="$root/docs/benchmarks.md"
if [ "${BENCH_QUICK:-}" = 1 ]; then
  quick=(--quick)
  out="$root/bench/results/benchmarks-quick.md"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/emulator-bench.XXXXXX")"
bench_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$bench_pid" ] && kill -0 "$bench_pid" 2>/dev/null; then
    kill "$bench_pid" 2>/dev/null || true
    sleep 1
  fi
  # Servers the harness started (it appends each pid to $work/pids): kill any still running, but only if the
  # process is really ours (its command line names our temporary directory), never by name.
  if [ -f "$work/pids" ]; then
    while read -r pid; do
      if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$work"; then
        kill -9 "$pid" 2>/dev/null || true
      fi
    done <"$work/pids"
  fi
  rm -rf "$latest"
  mkdir -p "$latest"
  cp -r "$work/logs" "$latest/" 2>/dev/null || true
  cp "$work/results.json" "$latest/" 2>/dev/null || true
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

revision="$(git rev-parse --short HEAD 2>/dev/null || echo "no commit yet")"
changes="$(git status --porcelain 2>/dev/null | wc -l | tr -d ' ')"
[ "$changes" != 0 ] && revision="$revision, working tree with $changes changed/untracked paths"

echo "=== running benchmarks (work dir $work)"
dotnet "$artifacts/bin/Emulator.Bench/release/Emulator.Bench.dll" \
  --emulator "$artifacts/bin/Emulator.Api/release/Emulator.Api.dll" \
  --bare "$artifacts/bin/BareServer/release/BareServer.dll" \
  --kubectl "$root/.tools/bin/kubectl" \
  --work "$work" \
  --out "$out" \
  --command "bench/run.sh" \
  --date "$(date -u)" \
  --dotnet-version "$(dotnet --version)" \
  --revision "$revision" \
  "${quick[@]+"${quick[@]}"}" &
bench_pid=$!
wait "$bench_pid"
