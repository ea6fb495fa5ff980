#!/usr/bin/env bash
# Fails if a C++ file differs from what clang-format makes of it with the repository's .clang-format. Checks every
# tracked file and every new one git does not ignore (never a build directory). The generated headers and
# single_include/ open with `// clang-format off`, so they pass as generated.
set -euo pipefail
cd "$(dirname "$0")/.."

files=()
while IFS= read -r file; do
  [ -f "$file" ] && files+=("$file")  # a tracked file deleted in the working tree is not there to check
done < <(git ls-files --cached --others --exclude-standard -- '*.hpp' '*.cpp' '*.h' '*.cc' | sort -u)
clang-format --dry-run --Werror "${files[@]}"
echo "clang-format: all ${#files[@]} C++ files are formatted"
