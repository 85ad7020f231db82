#!/usr/bin/env bash
# Validates the state machine definition(s) with npm asl-validator (DEPENDENCIES.md 5).
# Usage: infrastructure/validate.sh [definition.asl.json ...]   (default: every statemachine/*.asl.json)
# Needs node and npm. asl-validator is installed once into a cache prefix (DLT_NPM_PREFIX, default
# ~/.cache/dlt/npm), so CI and developers run the same pinned version without a global install.
# Exits non-zero when a definition is invalid or the validator cannot be installed.
set -euo pipefail

VERSION=4.0.0
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix="${DLT_NPM_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/dlt/npm}"
validator="$prefix/node_modules/.bin/asl-validator"

command -v node >/dev/null || { echo "validate.sh: node is not installed (asl-validator needs it)" >&2; exit 2; }
command -v npm >/dev/null || { echo "validate.sh: npm is not installed (asl-validator needs it)" >&2; exit 2; }

installed="$(node -p "require('$prefix/node_modules/asl-validator/package.json').version" 2>/dev/null || true)"
if [[ "$installed" != "$VERSION" ]]; then
  mkdir -p "$prefix"
  npm install --silent --no-audit --no-fund --prefix "$prefix" "asl-validator@$VERSION" >&2
fi

if [[ $# -eq 0 ]]; then
  set -- "$here"/statemachine/*.asl.json
fi

status=0
for definition in "$@"; do
  if "$validator" --json-path "$definition"; then
    :
  else
    echo "validate.sh: $definition is not a valid state machine" >&2
    status=1
  fi
done
exit $status
