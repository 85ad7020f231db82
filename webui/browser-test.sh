#!/usr/bin/env bash
# Browser test of the console in headless Chromium.
#   webui/browser-test.sh URL [TOKEN]   URL of a running platform (`dlt up` prints it; the token may be in
#                                       its #token= fragment or given as TOKEN)
#   webui/browser-test.sh --stub        against a stub API and a mocked live feed (no platform needed)
# Needs /usr/bin/chromium (apt-get install -y chromium) and npm; installs playwright-core@1.65.1 into
# a temp prefix (PW_PREFIX, default /tmp/dlt-pw) when missing. Extra options go to console.test.mjs
# (--target URL, --screenshot PATH, --timeout-s N). Screenshot: webui/target/console.png.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${PW_PREFIX:-/tmp/dlt-pw}"
if [ ! -d "$prefix/node_modules/playwright-core" ]; then
  mkdir -p "$prefix"
  npm install --silent --no-audit --no-fund --prefix "$prefix" playwright-core@1.65.1 >&2
fi
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "chromium missing: apt-get install -y chromium" >&2; exit 2; }
export NODE_PATH="$prefix/node_modules"
# ES modules ignore NODE_PATH: link the package next to the test instead.
mkdir -p "$here/target/browser-node/node_modules"
ln -sfn "$prefix/node_modules/playwright-core" "$here/target/browser-node/node_modules/playwright-core"
cp "$here"/src/test/browser/*.mjs "$here/target/browser-node/"
export WEBUI_ROOT="$here/src/main/resources/webui"
if [ "${1:-}" = "--stub" ]; then
  shift
  exec node "$here/target/browser-node/console.test.mjs" --stub --screenshot "$here/target/console.png" "$@"
fi
url="${1:?usage: browser-test.sh URL [TOKEN] | --stub}"; shift
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then url="${url%%#*}"; url="${url%/}/#token=$1"; shift; fi
exec node "$here/target/browser-node/console.test.mjs" --url "$url" --screenshot "$here/target/console.png" "$@"
