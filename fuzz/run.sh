#!/usr/bin/env bash
# Builds awsauth's libFuzzer targets with clang++ (ASan + UBSan) and runs each for an equal share of SECONDS
# (default 60), seeded with the real payloads in tests/data. The corpus each run grows is kept in
# $BUILD_DIR/fuzz/corpus/<target> and reused by the next run; an input that breaks a rule is written to
# $BUILD_DIR/fuzz/findings/ and makes this script fail. Usage: fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."

total_seconds="${1:-60}"
build_dir="${BUILD_DIR:-build-fuzz}"
# The wire targets (wire_form, wire_xml) are built only where expat is, and said to be skipped where it is not.
targets=(sts_responses sts_requests eks_auth timestamp credential_sources wire_form wire_xml)
share=$(( total_seconds / ${#targets[@]} ))
[ "$share" -ge 1 ] || share=1

scripts/install-dependencies.sh libclang-rt-dev libexpat1-dev  # clang's libFuzzer and sanitizer runtimes; expat
cmake -S . -B "$build_dir" -DCMAKE_CXX_COMPILER=clang++ -DAWSAUTH_FUZZ=ON -DAWSAUTH_TEST=OFF -DAWSAUTH_EXAMPLES=OFF \
  -DAWSAUTH_WERROR=ON >/dev/null
cmake --build "$build_dir" -j "$(nproc)"

fuzz_dir="$build_dir/fuzz"
mkdir -p "$fuzz_dir/findings"
summary=()
failed=0
for target in "${targets[@]}"; do
  if [ ! -x "$fuzz_dir/awsauth_fuzz_$target" ]; then
    summary+=("$target: SKIPPED, not built (no expat: Debian libexpat1-dev)")
    continue
  fi
  corpus="$fuzz_dir/corpus/$target"
  mkdir -p "$corpus"
  log="$fuzz_dir/$target.log"
  echo "== fuzz $target for ${share}s =="
  status=0
  "$fuzz_dir/awsauth_fuzz_$target" -max_total_time="$share" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$fuzz_dir/findings/$target-" "$corpus" "$fuzz_dir/seeds/$target" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  files=$(find "$corpus" -type f | wc -l)
  if [ "$status" -ne 0 ]; then
    failed=1
    tail -40 "$log"
    summary+=("$target: FAILED (exit $status), see $log and $fuzz_dir/findings/")
  else
    summary+=("$target: ${runs:-?} executions (${speed:-?}/s), coverage ${coverage:-?} edges, corpus $files files, no findings")
  fi
done
echo "== fuzz summary (${share}s per target) =="
printf '%s\n' "${summary[@]}"
exit "$failed"
