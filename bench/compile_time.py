#!/usr/bin/env python3
"""What including awsauth costs a user's translation unit, against nlohmann_json alone.

Compiles each TU of bench/compile_time/ with `CXX -std=c++17 -O2 -c`, best of N, and prints its ratio to
nlohmann_round_trip.cpp (nlohmann::json::parse + dump), the baseline:
- awsauth_round_trip.cpp: <awsauth/awsauth.hpp>, parse + dump of one sts::AssumeRoleResponse; it and the baseline
  also headers-only, to split what the includes cost from what the calls instantiate;
- sts_model_only.cpp: <awsauth/sts.hpp> alone, builds an sts::AssumeRoleRequest;
- eks_auth_round_trip.cpp: <awsauth/eks_auth.hpp>, parse.hpp and dump.hpp, parse + dump of one
  eks_auth::AssumeRoleForPodIdentityResponse.
Then reads the include trace (`-H`) of the last two: the model-only TU should include no nlohmann header, the EKS
Auth TU no STS header. And lists what the awsauth TU instantiates that a user might not expect (iostreams, date's
stream parse/format, <regex>, a second basic_json). Measures only, never fails on a figure: compile time is not a
test. bench/report.py puts the result into docs/performance.md.

`--check-traces` only reads the include traces (no timing) and exits 1 when one has what it should not: the CTest
`compile_traces`.
"""

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "bench" / "compile_time"
FLAGS = ["-std=c++17", "-O2", "-c"]

# The TUs timed, by row name. Each is divided by the baseline; HEADERS_ONLY ones are also timed with only their
# includes (the source skips its function under -DHEADERS_ONLY).
TRANSLATION_UNITS = {
    "awsauth": "awsauth_round_trip.cpp",
    "nlohmann": "nlohmann_round_trip.cpp",
    "sts_model_only": "sts_model_only.cpp",
    "eks_auth_round_trip": "eks_auth_round_trip.cpp",
}
BASELINE = "nlohmann"
HEADERS_ONLY = ("awsauth", "nlohmann")

# What the include trace of a TU must not hold: (TU, the fact as printed, pattern over a header's path).
TRACE_CHECKS = [
    ("sts_model_only", "no nlohmann header in the include trace", r"(^|/)nlohmann/"),
    ("eks_auth_round_trip", "no STS header in the include trace", r"(^|/)awsauth/(model/)?sts\.hpp$"),
]
# One line of `-H` output (GCC and Clang): a dot per level of nesting, then the header; `!` or `x` after the dots
# marks a precompiled header.
TRACE_LINE = re.compile(r"^(\.+)[!x]? (.+)$")

# What a user TU should not instantiate: (label, pattern over `nm -C` symbol names).
AUDIT = [
    ("iostreams (`basic_istream` / `ostream` / `ios`, string streams)",
     r"basic_(i|o|io)stream|basic_ios<|basic_(i|o)?stringstream|basic_stringbuf"),
    ("`std::locale` facets", r"std::locale|num_get|num_put|time_get|time_put"),
    ("`date::parse` / `date::format` (`from_stream` / `to_stream`)", r"date::(from_stream|to_stream|parse|format)\b"),
    ("`<regex>`", r"std::(__cxx11::)?(basic_regex|regex_traits)|__detail::_Compiler|__detail::_Executor"),
    ("`nlohmann::json` (objects in `std::map`)", r"basic_json<std::map"),
    ("`nlohmann::ordered_json` (a second `basic_json`)", r"basic_json<nlohmann::json_abi_v[0-9_]+::ordered_map"),
]


def compile_once(compiler, source, extra, output):
    """Returns (cpu_seconds, wall_seconds, peak_rss_mib) of one compiler run."""
    command = [compiler, *FLAGS, f"-I{ROOT / 'include'}", *extra, str(source), "-o", str(output)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace")
    process.stdout.close()
    process.stderr.close()
    if process.returncode != 0:
        sys.exit(f"compile_time: {shlex.join(command)} failed:\n{stderr}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def best_of(compiler, source, extra, repeats, output):
    runs = [compile_once(compiler, source, extra, output) for _ in range(repeats)]
    return {
        "cpu_seconds": min(run[0] for run in runs),
        "wall_seconds": min(run[1] for run in runs),
        "peak_rss_mib": min(run[2] for run in runs),
    }


def audit(compiler, output_dir, extra=()):
    """Counts symbols defined by the awsauth TU at -O0, where every instantiated function is still emitted."""
    obj = Path(output_dir) / "audit.o"
    command = [compiler, "-std=c++17", "-O0", "-c", f"-I{ROOT / 'include'}", *extra,
               str(SOURCES / TRANSLATION_UNITS["awsauth"]), "-o", str(obj)]
    subprocess.run(command, check=True)
    try:
        listing = subprocess.run(["nm", "-C", "--defined-only", str(obj)], check=True, capture_output=True,
                                 text=True).stdout
    except FileNotFoundError:
        return None
    symbols = [line.split(" ", 2)[-1] for line in listing.splitlines() if line.strip()]
    return {
        "symbols": len(symbols),
        "counts": [{"what": label, "symbols": sum(1 for s in symbols if re.search(pattern, s))}
                   for label, pattern in AUDIT],
    }


def include_trace(compiler, source, extra):
    """The headers the TU opens, in order, as (nesting depth, path), from the compiler's `-H` (no code generated)."""
    command = [compiler, "-std=c++17", "-fsyntax-only", "-H", f"-I{ROOT / 'include'}", *extra, str(source)]
    process = subprocess.run(command, capture_output=True, text=True)
    if process.returncode != 0:
        sys.exit(f"compile_time: {shlex.join(command)} failed:\n{process.stderr}")
    lines = (TRACE_LINE.match(line) for line in process.stderr.splitlines())
    return [(len(line.group(1)), os.path.normpath(line.group(2))) for line in lines if line]


def shown(path):
    """A header's path as a reader knows it: awsauth/... for ours, the compiler's path for the others."""
    try:
        return Path(path).resolve().relative_to(ROOT / "include").as_posix()
    except ValueError:
        return path


def check_trace(trace, pattern):
    """(the distinct headers of the trace matching pattern, the include chain from the TU to the first of them)."""
    found, chain, stack = [], None, []
    for depth, path in trace:
        del stack[depth - 1:]
        stack.append(path)
        if re.search(pattern, path):
            if path not in found:
                found.append(path)
            if chain is None:
                chain = list(stack)
    return found, chain


def check_traces(compiler, extra):
    """The facts of TRACE_CHECKS for each TU, as dicts ready for JSON."""
    facts = []
    for name, check, pattern in TRACE_CHECKS:
        found, chain = check_trace(include_trace(compiler, SOURCES / TRANSLATION_UNITS[name], extra), pattern)
        facts.append({"tu": name, "check": check, "passed": not found, "offending": [shown(p) for p in found],
                      "chain_to_first": [shown(p) for p in chain] if chain else []})
    return facts


def trace_line(fact):
    line = f"{TRANSLATION_UNITS[fact['tu']]}: {fact['check']}: {'yes' if fact['passed'] else 'no'}"
    if not fact["passed"]:
        count = len(fact["offending"])
        line += (f" ({count} such {'header' if count == 1 else 'headers'}, the first by way of "
                 f"{' -> '.join(fact['chain_to_first'])})")
    return line


def compiler_version(compiler):
    return subprocess.run([compiler, "--version"], check=True, capture_output=True, text=True).stdout.splitlines()[0]


def include_flags(include_dirs):
    """-I for each directory of a CMake list (the dependencies' include directories CTest passes), once each."""
    directories = [d for d in dict.fromkeys((include_dirs or "").split(";")) if d]
    return [f"-I{directory}" for directory in directories]


def measure(compiler="g++", repeats=3, extra=()):
    extra = list(extra)
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "tu.o"
        rows = {}
        for name, file in TRANSLATION_UNITS.items():
            rows[name] = best_of(compiler, SOURCES / file, extra, repeats, output)
            if name in HEADERS_ONLY:
                rows[name + "_headers_only"] = best_of(compiler, SOURCES / file, [*extra, "-DHEADERS_ONLY"],
                                                       repeats, output)
        instantiated = audit(compiler, scratch, extra)
    baseline = rows[BASELINE]["cpu_seconds"]
    result = {
        "compiler": compiler_version(compiler),
        "command": f"{compiler} {' '.join(FLAGS)} -I include bench/compile_time/<tu>.cpp",
        "repeats": repeats,
        "rows": rows,
        "ratio": rows["awsauth"]["cpu_seconds"] / baseline,
        "headers_only_ratio": rows["awsauth_headers_only"]["cpu_seconds"] /
        rows["nlohmann_headers_only"]["cpu_seconds"],
    }
    for name in TRANSLATION_UNITS:
        if name not in ("awsauth", BASELINE):
            result[f"{name}_ratio"] = rows[name]["cpu_seconds"] / baseline
    result["traces"] = check_traces(compiler, extra)
    result["audit"] = instantiated
    return result


def print_result(result):
    print(f"{result['compiler']}; {result['command']}; best of {result['repeats']} (CPU time = user + system)")
    for name, row in result["rows"].items():
        print(f"  {name:<24} {row['cpu_seconds']:6.2f} s CPU  {row['wall_seconds']:6.2f} s wall  "
              f"{row['peak_rss_mib']:5.0f} MiB")
    print(f"  ratio awsauth / nlohmann: {result['ratio']:.2f}x "
          f"(headers only: {result['headers_only_ratio']:.2f}x)")
    for name in TRANSLATION_UNITS:
        if f"{name}_ratio" in result:
            print(f"  ratio {name} / nlohmann: {result[f'{name}_ratio']:.2f}x")
    for fact in result.get("traces", []):
        print(f"  {trace_line(fact)}")
    if result["audit"]:
        print(f"  awsauth TU at -O0 defines {result['audit']['symbols']} symbols, of which:")
        for count in result["audit"]["counts"]:
            print(f"    {count['symbols']:5}  {count['what']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compiler", default=os.environ.get("CXX", "g++"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--check-traces", action="store_true",
                        help="only read the include traces (no timing); exit 1 when one has what it should not")
    parser.add_argument("--include-dirs", help="more include directories, as a CMake list (a;b)")
    args = parser.parse_args()
    extra = include_flags(args.include_dirs)
    if args.check_traces:
        facts = check_traces(args.compiler, extra)
        print(f"compile_time: include traces of {args.compiler} -H")
        for fact in facts:
            print(f"  {trace_line(fact)}")
        return 0 if all(fact["passed"] for fact in facts) else 1
    result = measure(args.compiler, args.repeats, extra)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_result(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
