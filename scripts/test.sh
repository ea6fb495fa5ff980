#!/usr/bin/env bash
# Builds and runs every test: the unit tests in C++17 and C++20 (and once against the single header), every
# public header compiled on its own, all with warnings as errors; the consumer projects; the checks that the
# generated headers and the single header are fresh. CXX picks the compiler (default: the system's c++),
# BUILD_DIR the build folder; further arguments go to CMake's configure step.
set -euo pipefail
cd "$(dirname "$0")/.."

# libcurl: the wire examples and the real-peer tests (tests/peers); cpp-httplib is in the base list
# (awsauth-creds serve, examples/fake_sts).
scripts/install-dependencies.sh libcurl4-openssl-dev
build_dir="${BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -DAWSAUTH_TEST=ON -DAWSAUTH_EXAMPLES=ON -DAWSAUTH_WERROR=ON "$@"
cmake --build "$build_dir" -j "$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
