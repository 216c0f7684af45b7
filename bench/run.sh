#!/usr/bin/env bash
# The one benchmark command: builds the emulator, the bare ASP.NET Core baseline (bench/BareServer) and the harness
# (bench/Emulator.Bench) in Release, runs every benchmark and writes docs/benchmarks.md (about 4 minutes on an idle
# 2-core machine, builds included).
#
#   bench/run.sh                 full run, writes docs/benchmarks.md
#   BENCH_QUICK=1 bench/run.sh   short smoke run (a few seconds per figure), writes bench/results/benchmarks-quick.md
#   BENCH_ONLY=durability bench/run.sh   only store writes vs raw SQLite and the flood vs /readyz, bench/results/durability.md
#   BENCH_ONLY=rollout bench/run.sh      only deployment of 100 replicas vs 100 bare pods, bench/results/rollout.md
#   BENCH_ONLY=proxy bench/run.sh        only §6, the service proxy data plane, bench/results/proxy.md; with
#     BENCH_PROXY_VARIANT='NAME=VALUE;NAME2=VALUE2' it adds one more emulator with that environment as a
#     fifth path, to compare a proxy setting in the same run
#   BENCH_ONLY=startup bench/run.sh      only §1, start to /readyz and first kubectl (fresh, warm, bare), bench/results/startup.md
#
# Everything is built into the git-ignored bench/results/artifacts (--artifacts-path), so a benchmark never
# overwrites, or is overwritten by, the binaries a concurrent ./test.sh is running. Servers listen on random free
# loopback ports with temporary data dirs; every process started is killed on exit, failure or Ctrl+C.
# Raw results (JSON) and the server logs of the last run are copied to bench/results/latest/.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
artifacts="$root/bench/results/artifacts"
latest="$root/bench/results/latest"
work="$(mktemp -d "${TMPDIR:-/tmp}/emulator-bench.XXXXXX")"
children=()

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${children[@]+"${children[@]}"}"; do
    kill "$pid" 2>/dev/null || true
  done
  # Servers the harness started (it appends each pid to $work/pids): kill any still running, but only if the
  # process is really ours (its command line names our temporary directory), never by name.
  if [ -f "$work/pids" ]; then
    sleep 1
    while read -r pid; do
      if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$work"; then
        kill -9 "$pid" 2>/dev/null || true
      fi
    done <"$work/pids"
  fi
  if [ -d "$work/logs" ]; then
    rm -rf "$latest"
    mkdir -p "$latest"
    cp -r "$work/logs" "$latest/"
    cp "$work/results.json" "$latest/" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ ! -x .tools/bin/kubectl ]; then
  ./scripts/install-clients.sh
fi

# §6 sets the service proxy against HAProxy (Debian package). Installed when missing and apt-get is usable (root);
# otherwise the benchmark runs without that column and says so.
if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "=== apt-get install -y haproxy (the §6 comparison proxy)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy) >/dev/null || echo "warning: haproxy could not be installed" >&2
  else
    echo "warning: haproxy is not installed (apt-get install -y haproxy as root); §6 runs without it" >&2
  fi
fi

# One build after the other: the harness references src/Infrastructure (store benchmark), so two builds side by side
# would compile the same projects into the same artifacts folder at once (building the harness also builds bench/BareServer).
mkdir -p "$artifacts"
echo "=== dotnet build -c Release: src/Api, then bench/Emulator.Bench (+ bench/BareServer)"
build() {
  dotnet build "$1" -c Release --nologo -v quiet -clp:ErrorsOnly --artifacts-path "$artifacts" >"$2" 2>&1
}
failed=0
build src/Api "$artifacts/build-api.log" || { failed=1; cat "$artifacts/build-api.log"; }
if [ "$failed" = 0 ]; then
  build bench/Emulator.Bench "$artifacts/build-bench.log" || { failed=1; cat "$artifacts/build-bench.log"; }
fi
if [ "$failed" != 0 ]; then
  echo "error: the Release build failed (output above)" >&2
  exit 1
fi

quick=()
out="$root/docs/benchmarks.md"
if [ "${BENCH_QUICK:-}" = 1 ]; then
  quick=(--quick)
  out="$root/bench/results/benchmarks-quick.md"
fi
# BENCH_ONLY=<section> (durability, rollout, ...): only that section, into bench/results/<section>.md, so a partial
# run never overwrites docs/benchmarks.md.
if [ -n "${BENCH_ONLY:-}" ]; then
  quick+=(--only "$BENCH_ONLY")
  out="$root/bench/results/$BENCH_ONLY.md"
fi
revision="$(git rev-parse --short HEAD 2>/dev/null || echo "no commit yet")"
changes="$(git status --porcelain 2>/dev/null | wc -l | tr -d ' ')"
if [ "$changes" != 0 ]; then
  revision="$revision + $changes uncommitted paths"
fi

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
children+=($!)
wait "${children[0]}"
