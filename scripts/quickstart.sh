#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing (cpp-httplib too, for `awsauth-creds serve`), build
# awsauth-creds, and run it on a bundled `aws sts assume-role` output (captured from the AWS CLI v1). An argument names your own credentials response
# (any STS or EKS Auth one, CLI or boto3) instead. BUILD_DIR picks the build folder (default: build).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -gt 0 ]; then
  payload="$(realpath "$1")"
  clock=()
else
  # The bundled capture's credentials have expired: replay it at the instant it was captured (its Date header).
  payload="$root/tests/data/awscli-v1/sts-assume-role-full.json"
  clock=(--now 2026-11-23T17:13:29Z)
fi
cd "$root"

scripts/install-dependencies.sh
build_dir="${BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -DAWSAUTH_TEST=OFF -DAWSAUTH_EXAMPLES=ON
cmake --build "$build_dir" --target awsauth-creds -j "$(nproc)"
"$build_dir/apps/awsauth-creds/awsauth-creds" ${clock[@]+"${clock[@]}"} "$payload"
