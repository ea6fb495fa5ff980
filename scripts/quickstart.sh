#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build, and read a bundled `aws sts assume-role`
# output (captured from the AWS CLI) with the library. An argument names your own AssumeRole output instead.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
payload="$(realpath "${1:-$root/tests/data/awscli-v1/sts-assume-role-full.json}")"
cd "$root"

scripts/install-dependencies.sh
build_dir="${BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -DAWSAUTH_TEST=OFF -DAWSAUTH_EXAMPLES=ON
cmake --build "$build_dir" --target awsauth_read_credentials -j "$(nproc)"
"$build_dir/examples/awsauth_read_credentials" "$payload"
