#!/usr/bin/env python3
"""What including awsauth costs a user's translation unit, against nlohmann_json alone.

Compiles bench/compile_time/awsauth_round_trip.cpp (parse + dump of one sts::AssumeRoleResponse) and
nlohmann_round_trip.cpp (nlohmann::json::parse + dump) with `CXX -std=c++17 -O2 -c`, best of N, and prints the
ratio; each also headers-only, to split what the includes cost from what the calls instantiate. Then lists what
the awsauth TU instantiates that a user might not expect (iostreams, date's stream parse/format, <regex>, a second
basic_json). Measures only, never fails on a figure: compile time is not a test. bench/report.py puts the result
into docs/performance.md.
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


def audit(compiler, output_dir):
    """Counts symbols defined by the awsauth TU at -O0, where every instantiated function is still emitted."""
    obj = Path(output_dir) / "audit.o"
    command = [compiler, "-std=c++17", "-O0", "-c", f"-I{ROOT / 'include'}",
               str(SOURCES / "awsauth_round_trip.cpp"), "-o", str(obj)]
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


def compiler_version(compiler):
    return subprocess.run([compiler, "--version"], check=True, capture_output=True, text=True).stdout.splitlines()[0]


def measure(compiler="g++", repeats=3):
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "tu.o"
        rows = {}
        for name in ("awsauth", "nlohmann"):
            source = SOURCES / f"{name}_round_trip.cpp"
            rows[name] = best_of(compiler, source, [], repeats, output)
            rows[name + "_headers_only"] = best_of(compiler, source, ["-DHEADERS_ONLY"], repeats, output)
        instantiated = audit(compiler, scratch)
    return {
        "compiler": compiler_version(compiler),
        "command": f"{compiler} {' '.join(FLAGS)} -I include bench/compile_time/<tu>.cpp",
        "repeats": repeats,
        "rows": rows,
        "ratio": rows["awsauth"]["cpu_seconds"] / rows["nlohmann"]["cpu_seconds"],
        "headers_only_ratio": rows["awsauth_headers_only"]["cpu_seconds"] /
        rows["nlohmann_headers_only"]["cpu_seconds"],
        "audit": instantiated,
    }


def print_result(result):
    print(f"{result['compiler']}; {result['command']}; best of {result['repeats']} (CPU time = user + system)")
    for name, row in result["rows"].items():
        print(f"  {name:<24} {row['cpu_seconds']:6.2f} s CPU  {row['wall_seconds']:6.2f} s wall  "
              f"{row['peak_rss_mib']:5.0f} MiB")
    print(f"  ratio awsauth / nlohmann: {result['ratio']:.2f}x "
          f"(headers only: {result['headers_only_ratio']:.2f}x)")
    if result["audit"]:
        print(f"  awsauth TU at -O0 defines {result['audit']['symbols']} symbols, of which:")
        for count in result["audit"]["counts"]:
            print(f"    {count['symbols']:5}  {count['what']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compiler", default=os.environ.get("CXX", "g++"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    result = measure(args.compiler, args.repeats)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_result(result)


if __name__ == "__main__":
    main()
