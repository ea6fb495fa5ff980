#!/usr/bin/env python3
"""Unit tests for bench/report.py's arithmetic and rendering, on hand-made Google Benchmark output (no timing)."""

import hashlib
import json
import sys
import tempfile
import unittest
import xml.dom.minidom
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compile_time  # noqa: E402
import report  # noqa: E402


def aggregate(name, median, unit="ns", cv=0.05, bytes_=100):
    return [
        {"run_name": name, "run_type": "aggregate", "aggregate_name": "mean", "cpu_time": median * 10,
         "time_unit": unit, "bytes": bytes_},
        {"run_name": name, "run_type": "aggregate", "aggregate_name": "median", "cpu_time": median,
         "time_unit": unit, "bytes": bytes_},
        {"run_name": name, "run_type": "aggregate", "aggregate_name": "cv", "cpu_time": cv, "time_unit": unit},
    ]


def results(parse_times, dump_times, stamp_times):
    """parse_times: {payload: {impl: ns}}; the same shape for dump; stamp_times: {(kind, case, impl): ns}."""
    benchmarks = [{"run_name": "parse/x/awsauth", "run_type": "iteration", "cpu_time": 1e9, "time_unit": "ns"}]
    for group, table in (("parse", parse_times), ("dump", dump_times)):
        for payload, impls in table.items():
            for impl, ns in impls.items():
                benchmarks += aggregate(f"{group}/{payload}/{impl}", ns)
    for (kind, case, impl), ns in stamp_times.items():
        benchmarks += aggregate(f"{kind}/{case}/{impl}", ns)
    return {"context": {"date": "2026-01-01T00:00:00+00:00", "compiler": "12.2.0"}, "benchmarks": benchmarks}


STAMPS = {
    ("timestamp_parse", "iso8601_offset", "awsauth"): 40.0, ("timestamp_parse", "iso8601_offset", "date"): 1200.0,
    ("timestamp_parse", "iso8601_z", "awsauth"): 50.0, ("timestamp_parse", "iso8601_z", "date"): 800.0,
    ("timestamp_format", "iso8601_offset", "awsauth"): 100.0, ("timestamp_format", "iso8601_offset", "date"): 900.0,
    ("timestamp_format", "iso8601_z", "awsauth"): 60.0, ("timestamp_format", "iso8601_z", "date"): 1200.0,
}
PARSE = {
    "awscli_assume_role": {"awsauth": 900.0, "nlohmann": 1000.0, "nlohmann_sax_empty": 800.0},
    "boto3_assume_role": {"awsauth": 1200.0, "nlohmann": 1000.0, "nlohmann_sax_empty": 800.0},
    # Worse than every real payload: must not count toward the targets.
    "synthetic_assume_role_request_50_tags": {"awsauth": 5000.0, "nlohmann": 1000.0, "nlohmann_sax_empty": 800.0},
}
DUMP = {
    "awscli_assume_role": {"awsauth": 500.0, "nlohmann": 1000.0},
    "boto3_assume_role": {"awsauth": 700.0, "nlohmann": 1000.0},
    "synthetic_assume_role_request_50_tags": {"awsauth": 9000.0, "nlohmann": 1000.0},
}



def compile_row(cpu):
    return {"cpu_seconds": cpu, "wall_seconds": cpu + 0.01, "peak_rss_mib": 250.0}


# What bench/compile_time.py's measure() returns, on the old layout: the model-only TU still reaches nlohmann.
COMPILE = {
    "compiler": "g++ (Debian 12.2.0-14+deb12u1) 12.2.0",
    "command": "g++ -std=c++17 -O2 -c -I include bench/compile_time/<tu>.cpp",
    "repeats": 3,
    "rows": {"awsauth": compile_row(3.80), "awsauth_headers_only": compile_row(1.40), "nlohmann": compile_row(3.32),
             "nlohmann_headers_only": compile_row(1.11), "sts_model_only": compile_row(0.83),
             "eks_auth_round_trip": compile_row(3.45)},
    "ratio": 3.80 / 3.32, "headers_only_ratio": 1.40 / 1.11,
    "sts_model_only_ratio": 0.83 / 3.32, "eks_auth_round_trip_ratio": 3.45 / 3.32,
    "traces": [
        {"tu": "sts_model_only", "check": "no nlohmann header in the include trace", "passed": False,
         "offending": ["/usr/include/nlohmann/json.hpp", "/usr/include/nlohmann/adl_serializer.hpp"],
         "chain_to_first": ["awsauth/sts.hpp", "awsauth/json.hpp", "/usr/include/nlohmann/json.hpp"]},
        {"tu": "eks_auth_round_trip", "check": "no STS header in the include trace", "passed": True,
         "offending": [], "chain_to_first": []},
    ],
    "audit": None,
}
# What an earlier compile_time.py wrote (--compile-time-from): the round trip alone, no traces.
OLD_KEYS = ("compiler", "command", "repeats", "ratio", "headers_only_ratio", "audit")
OLD_COMPILE = {**{key: COMPILE[key] for key in OLD_KEYS},
               "rows": {name: COMPILE["rows"][name]
                        for name in ("awsauth", "awsauth_headers_only", "nlohmann", "nlohmann_headers_only")}}


# The wire binary's rows (bench/bench_wire.cpp). The worst of each ratio comes from a different answer: AssumeRole
# is the worst against tinyxml2 (1300 / 2000 = 0.65x), GetCallerIdentity against the floor (500 / 350 = 1.43x).
READ_XML = {
    "moto_assume_role": {"awsauth": 1300.0, "tinyxml2": 2000.0, "expat_floor": 1000.0, "aws_sdk_cpp_text": 2500.0},
    "moto_get_caller_identity": {"awsauth": 500.0, "tinyxml2": 1000.0, "expat_floor": 350.0,
                                 "aws_sdk_cpp_text": 1200.0},
}
# The 50-tag request has no curl row (libcurl not found): its cells show "–".
WRITE_FORM = {
    "botocore_assume_role_full": {"awsauth": 900.0, "hand_written": 1000.0, "curl_escape": 1500.0},
    "botocore_assume_role_50_tags": {"awsauth": 3000.0, "hand_written": 2500.0},
}
WIRE_CONTEXT = {"date": "2026-01-01T00:05:00+00:00", "compiler": "12.2.0", "expat": "2.5.0", "tinyxml2": "9.0.0",
                "libcurl": "7.88.1", "load_avg": [1.5, 1.25, 1.0]}


def wire_results(read_times, write_times, context=WIRE_CONTEXT):
    """What awsauth_bench_wire writes: read_times / write_times are {case: {impl: ns}}."""
    benchmarks = []
    for group, table in (("read_xml", read_times), ("write_form", write_times)):
        for case, impls in table.items():
            for impl, ns in impls.items():
                benchmarks += aggregate(f"{group}/{case}/{impl}", ns)
    return {"context": dict(context), "benchmarks": benchmarks}


def with_wire(read_times=READ_XML, write_times=WRITE_FORM):
    return report.merge_results(results(PARSE, DUMP, STAMPS), wire_results(read_times, write_times))


class MediansTest(unittest.TestCase):
    def test_takes_the_median_aggregate_in_nanoseconds(self):
        rows = report.medians({"benchmarks": aggregate("parse/p/awsauth", 2.5, unit="us", cv=0.125)})
        self.assertEqual(rows[("parse", "p", "awsauth")], {"ns": 2500.0, "bytes": 100, "cv": 0.125})

    def test_ignores_single_iterations(self):
        rows = report.medians(results({}, {}, {}))
        self.assertEqual(rows, {})

    def test_merged_wire_rows_are_read_like_the_others(self):
        rows = report.medians(with_wire())
        self.assertEqual(rows[("read_xml", "moto_assume_role", "expat_floor")], {"ns": 1000.0, "bytes": 100, "cv": 0.05})
        self.assertEqual(rows[("write_form", "botocore_assume_role_full", "curl_escape")]["ns"], 1500.0)
        self.assertEqual(rows[("parse", "awscli_assume_role", "awsauth")]["ns"], 900.0)  # the JSON rows stay

    def test_merging_keeps_the_json_context_and_the_wire_context_apart(self):
        merged = with_wire()
        self.assertEqual(merged["context"]["date"], "2026-01-01T00:00:00+00:00")
        self.assertEqual(merged["wire_context"]["expat"], "2.5.0")
        self.assertNotIn("wire_context", results(PARSE, DUMP, STAMPS))


class SummaryTest(unittest.TestCase):
    def test_worst_case_is_over_real_payloads_only(self):
        _, stamps, worst = report.summarize(report.medians(results(PARSE, DUMP, STAMPS)))
        self.assertEqual(stamps, ["iso8601_offset", "iso8601_z"])
        self.assertAlmostEqual(worst["parse"], 1.2)
        self.assertAlmostEqual(worst["parse_vs_floor"], 1.5)
        self.assertAlmostEqual(worst["dump"], 0.7)
        self.assertAlmostEqual(worst["timestamp_parse"], 16.0)  # 800 / 50, the smaller speedup
        self.assertAlmostEqual(worst["timestamp_format"], 9.0)  # 900 / 100

    def test_status_for_lower_is_better(self):
        self.assertEqual(report.status("dump", 0.55), "aim met")
        self.assertEqual(report.status("dump", 0.8), "required met, aim not")
        self.assertEqual(report.status("dump", 1.01), "**not met**")
        self.assertEqual(report.status("parse_vs_floor", 1.2), "aim not met")

    def test_status_of_the_compile_time_figures(self):
        self.assertEqual(report.status("compile", 1.10), "met")
        self.assertEqual(report.status("compile", 1.15), "**not met**")
        self.assertEqual(report.status("compile_sts_model_only", 0.22), "aim met")
        self.assertEqual(report.status("compile_sts_model_only", 0.25), "required met, aim not")
        self.assertEqual(report.status("compile_sts_model_only", 0.31), "**not met**")
        self.assertEqual(report.status("compile_eks_auth_round_trip", 1.05), "met")
        self.assertEqual(report.status("compile_eks_auth_round_trip", 1.06), "**not met**")

    def test_wire_worst_case_is_per_ratio_over_every_answer(self):
        answers, requests, worst = report.summarize_wire(report.medians(with_wire()))
        self.assertEqual(answers, ["moto_assume_role", "moto_get_caller_identity"])  # WIRE_ANSWERS' order
        self.assertEqual(requests, ["botocore_assume_role_full", "botocore_assume_role_50_tags"])
        self.assertAlmostEqual(worst["read_xml"], 0.65)
        self.assertAlmostEqual(worst["read_xml_vs_floor"], 500 / 350)

    def test_no_wire_rows_no_wire_summary(self):
        self.assertIsNone(report.summarize_wire(report.medians(results(PARSE, DUMP, STAMPS))))
        _, requests, worst = report.summarize_wire(report.medians(with_wire(read_times={})))
        self.assertEqual((requests[0], worst), ("botocore_assume_role_full", {}))

    def test_status_of_the_wire_figures(self):
        self.assertEqual(report.status("read_xml", 0.60), "met")
        self.assertEqual(report.status("read_xml", 0.61), "**not met**")
        self.assertEqual(report.status("read_xml_vs_floor", 1.25), "met")
        self.assertEqual(report.status("read_xml_vs_floor", 1.26), "**not met**")

    def test_status_for_higher_is_better(self):
        self.assertEqual(report.status("timestamp_parse", 20.0), "met")
        self.assertEqual(report.status("timestamp_parse", 19.9), "**not met**")


class RenderTest(unittest.TestCase):
    def test_markdown_states_each_target(self):
        text = report.render_markdown(results(PARSE, DUMP, STAMPS), None, 9, "0.2", "performance.svg")
        self.assertTrue(text.startswith(report.BEGIN) and text.endswith(report.END))
        self.assertIn("| `parse` / `nlohmann::json::parse` | ≤ 1.00x | ≤ 0.90x | 1.20x | **not met** |", text)
        self.assertIn("| `dump` / `dump()` of a prebuilt DOM | ≤ 1.00x | ≤ 0.60x | 0.70x | required met, aim not |",
                      text)
        self.assertIn("| `2026-11-23T17:43:29.491019Z` | `%FT%TZ` | 50 ns | 800 ns | **16.0x** | 60 ns | 1.20 µs | "
                      "**20.0x** |", text)
        self.assertIn("| `awscli_assume_role` | 100 | 900 ns | 1.00 µs | 800 ns | – | **0.90x** |", text)

    def test_markdown_states_each_compile_time_target(self):
        text = report.render_markdown(results(PARSE, DUMP, STAMPS), COMPILE, 9, "0.2", "performance.svg")
        self.assertIn("| compile time, `awsauth_round_trip.cpp` / nlohmann TU | ≤ 1.10x | – | 1.14x | **not met** |",
                      text)
        self.assertIn("| compile time, `sts_model_only.cpp` / nlohmann TU | ≤ 0.30x | ≤ 0.22x | 0.25x | "
                      "required met, aim not |", text)
        self.assertIn("| compile time, `eks_auth_round_trip.cpp` / nlohmann TU | ≤ 1.05x | – | 1.04x | met |", text)

    def test_markdown_lists_every_translation_unit_its_ratio_and_its_trace(self):
        text = report.render_markdown(results(PARSE, DUMP, STAMPS), COMPILE, 9, "0.2", "performance.svg")
        self.assertIn("| `sts_model_only.cpp`: `<awsauth/sts.hpp>` alone, builds an `sts::AssumeRoleRequest` | "
                      "0.83 s | 0.84 s | 250 MiB |", text)
        self.assertIn("| `eks_auth_round_trip.cpp`: `<awsauth/eks_auth.hpp>`, `parse.hpp`, `dump.hpp`, parse + dump "
                      "`eks_auth::AssumeRoleForPodIdentityResponse` | 3.45 s |", text)
        self.assertIn("Ratio to the nlohmann TU: `awsauth_round_trip.cpp` **1.14x** (includes only: 1.26x), "
                      "`sts_model_only.cpp` **0.25x**, `eks_auth_round_trip.cpp` **1.04x**.", text)
        self.assertIn("- `sts_model_only.cpp`: no nlohmann header in the include trace: **no** (2 such headers, the "
                      "first by way of `awsauth/sts.hpp` → `awsauth/json.hpp` → `/usr/include/nlohmann/json.hpp`).",
                      text)
        self.assertIn("- `eks_auth_round_trip.cpp`: no STS header in the include trace: **yes**.", text)

    def test_markdown_of_an_earlier_compile_time_result_has_the_round_trip_alone(self):
        text = report.render_markdown(results(PARSE, DUMP, STAMPS), OLD_COMPILE, 9, "0.2", "performance.svg")
        self.assertIn("| compile time, `awsauth_round_trip.cpp` / nlohmann TU | ≤ 1.10x | – | 1.14x |", text)
        self.assertIn("Ratio to the nlohmann TU: `awsauth_round_trip.cpp` **1.14x** (includes only: 1.26x).", text)
        self.assertNotIn("sts_model_only", text)
        self.assertNotIn("include trace", text)

    def test_chart_is_svg_with_one_bar_per_figure(self):
        svg = report.render_svg(results(PARSE, DUMP, STAMPS), {"ratio": 2.0})
        document = xml.dom.minidom.parseString(svg)
        bars = [rect for rect in document.getElementsByTagName("rect") if rect.getAttribute("height") == "10"]
        # 3 payloads x (awsauth, SAX floor) + 3 payloads x awsauth + 4 timestamp speedups
        self.assertEqual(len(bars), 6 + 3 + 4)

    def test_chart_states_each_compile_time_figure_with_its_target(self):
        svg = report.render_svg(results(PARSE, DUMP, STAMPS), COMPILE)
        texts = [node.firstChild.data for node in xml.dom.minidom.parseString(svg).getElementsByTagName("text")]
        self.assertIn("Compile time, awsauth_round_trip.cpp / nlohmann TU: 1.14x (required ≤ 1.10x)", texts)
        self.assertIn("Compile time, sts_model_only.cpp / nlohmann TU: 0.25x (required ≤ 0.30x, aim ≤ 0.22x)", texts)
        self.assertIn("Compile time, eks_auth_round_trip.cpp / nlohmann TU: 1.04x (required ≤ 1.05x)", texts)

    def test_markdown_states_each_wire_target_after_the_json_ones(self):
        text = report.render_markdown(with_wire(), COMPILE, 9, "0.2", "performance.svg")
        tinyxml2_row = ("| `from_http_response` (STS XML) / tinyxml2 DOM walked by hand | ≤ 0.60x | – | 0.65x | "
                        "**not met** |")
        floor_row = "| `from_http_response` (STS XML) / expat empty-handler floor | ≤ 1.25x | – | 1.43x | **not met** |"
        self.assertIn(tinyxml2_row + "\n" + floor_row + "\n| compile time, `awsauth_round_trip.cpp`", text)
        met = {"moto_assume_role": {"awsauth": 1100.0, "tinyxml2": 2000.0, "expat_floor": 1000.0},
               "moto_get_caller_identity": {"awsauth": 400.0, "tinyxml2": 1000.0, "expat_floor": 350.0}}
        text = report.render_markdown(with_wire(read_times=met), None, 9, "0.2", "performance.svg")
        self.assertIn("| `from_http_response` (STS XML) / tinyxml2 DOM walked by hand | ≤ 0.60x | – | 0.55x | met |",
                      text)
        self.assertIn("| `from_http_response` (STS XML) / expat empty-handler floor | ≤ 1.25x | – | 1.14x | met |",
                      text)

    def test_markdown_tables_of_the_wire_rows(self):
        text = report.render_markdown(with_wire(), None, 9, "0.2", "performance.svg")
        self.assertIn("| `moto_assume_role` | `sts::AssumeRoleResponse` | 100 | 1.30 µs | 2.00 µs | 1.00 µs | 2.50 µs | "
                      "**0.65x** | **1.30x** | 0.50x | 1.25x | 5.0% |", text)
        self.assertIn("| `moto_get_caller_identity` | `sts::GetCallerIdentityResponse` | 100 | 500 ns | 1.00 µs | "
                      "350 ns | 1.20 µs | **0.50x** | **1.43x** | 0.35x | 1.20x | 5.0% |", text)
        self.assertIn("| `botocore_assume_role_full` | 100 | 900 ns | 1.00 µs | 1.50 µs | **0.90x** | 1.50x | 5.0% |",
                      text)
        self.assertIn("| `botocore_assume_role_50_tags` | 100 | 3.00 µs | 2.50 µs | – | **1.20x** | – | 5.0% |", text)
        # After the timestamps, before compile time; the chart link stays last.
        self.assertLess(text.index("### Timestamps"), text.index("### Reading STS XML answers"))
        self.assertLess(text.index("### Reading STS XML answers"), text.index("### Writing form requests"))
        self.assertTrue(text.endswith(f"![awsauth against its baselines](performance.svg)\n\n{report.END}"))

    def test_markdown_names_the_wire_libraries_and_the_second_run(self):
        text = report.render_markdown(with_wire(), None, 9, "0.2", "performance.svg")
        self.assertIn("; expat 2.5.0; tinyxml2 9.0.0; libcurl 7.88.1; Google Benchmark library built as ?.", text)
        self.assertIn("- **Wire rows**: a second binary, `awsauth_bench_wire`, run right after with the same settings "
                      "(started 2026-01-01T00:05:00+00:00, load average 1.50, 1.25, 1.00)", text)
        without_curl = report.merge_results(results(PARSE, DUMP, STAMPS),
                                            wire_results(READ_XML, {}, {k: v for k, v in WIRE_CONTEXT.items()
                                                                        if k != "libcurl"}))
        text = report.render_markdown(without_curl, None, 9, "0.2", "performance.svg")
        self.assertIn("; tinyxml2 9.0.0; Google Benchmark", text)
        self.assertNotIn("Writing form requests", text)

    def test_chart_has_a_panel_per_wire_group(self):
        svg = report.render_svg(with_wire(), None)
        document = xml.dom.minidom.parseString(svg)
        bars = [rect for rect in document.getElementsByTagName("rect") if rect.getAttribute("height") == "10"]
        # the JSON chart's 13, then 2 answers x (awsauth, expat floor, aws-sdk-cpp's text), then 2 requests x
        # awsauth + 1 curl row
        self.assertEqual(len(bars), 13 + 6 + 3)
        texts = [node.firstChild.data for node in document.getElementsByTagName("text")]
        self.assertIn("Reading STS XML: time / tinyxml2 DOM walked by hand (lower is faster)", texts)
        self.assertIn("Writing STS forms: time / hand-written std::string form (lower is faster)", texts)
        self.assertIn("required 0.60", texts)
        self.assertIn("expat, empty handlers (XML floor)", texts)
        self.assertIn("curl_easy_escape (reference)", texts)
        self.assertIn("aws-sdk-cpp's GetText (reference)", texts)
        for node in document.getElementsByTagName("text"):  # the legend wraps rather than run past the edge
            if node.firstChild.data.endswith("(reference)"):
                self.assertLessEqual(float(node.getAttribute("x")) + 6.5 * len(node.firstChild.data), report.WIDTH)
        self.assertIn("0.35x", texts)  # GetCallerIdentity's floor bar: 350 / 1000
        self.assertIn("Reading STS XML, worst case: 0.65x tinyxml2 (required ≤ 0.60x), 1.43x the expat floor "
                      "(required ≤ 1.25x)", texts)

    def test_doc_is_rewritten_only_between_markers(self):
        with tempfile.TemporaryDirectory() as scratch:
            doc = Path(scratch) / "performance.md"
            doc.write_text(f"before\n{report.BEGIN}\nold\n{report.END}\nafter\n", encoding="utf-8")
            report.write_doc(doc, f"{report.BEGIN}\nnew\n{report.END}")
            self.assertEqual(doc.read_text(encoding="utf-8"), f"before\n{report.BEGIN}\nnew\n{report.END}\nafter\n")
            doc.write_text("no markers\n", encoding="utf-8")
            with self.assertRaises(SystemExit):
                report.write_doc(doc, "x")


class UnchangedWithoutWireRowsTest(unittest.TestCase):
    """Without the wire binary's rows, report.py writes what it wrote before they existed: sha256 of what
    bench/report.py at commit 7301c93 (before awsauth_bench_wire) rendered from these very inputs, on a fixed
    machine description (the CPU, OS and kernel are the only things it reads from the machine it runs on)."""

    CONTEXT = {"date": "2026-01-01T00:00:00+00:00", "compiler": "12.2.0", "awsauth": "0.2.0",
               "nlohmann_json": "3.11.2", "rapidjson": "1.1.0", "library_build_type": "debug", "num_cpus": 2,
               "mhz_per_cpu": 2596, "load_avg": [1.21, 1.52, 1.57]}
    EXPECTED = {  # compile-time input: (markdown sha256, svg sha256)
        "none": ("ac8ec2cf9c636b3ed041e5fd213617a2567098a7549e248c9631bfe9e2f4ef3f",
                 "261c4ec9e0a5c2a4749c5c4bfc0052c61a593da8d14f878279088e088f6166c5"),
        "compile": ("923d76913f4e125a34b9a12caefa27fb3af06ed16d07d9fa0fde57d7db1a9c8a",
                    "458950759be6f9aaa3afffaaad00e6fb7d136a631add6f47953197670d752a03"),
        "old_compile": ("27daa8df6a55e5ae423ec9ba0be4a7cf1e16f95b44cafb7d637d8b14ed2ed9b6",
                        "eeedb8cf9a58badcd5a32f4ee74e163005a391761d0cdd04b4ec3e20c220ee7b"),
    }

    @staticmethod
    def inputs():
        parse = {p: dict(impls, rapidjson=300.0) for p, impls in PARSE.items()}
        dump = {p: dict(impls, rapidjson=400.0) for p, impls in DUMP.items()}
        data = results(parse, dump, STAMPS)
        data["context"] = dict(UnchangedWithoutWireRowsTest.CONTEXT)
        return data

    @staticmethod
    def rendered(compile_result):
        with mock.patch.object(report.platform, "processor", return_value="Test CPU"), \
                mock.patch.object(report.platform, "system", return_value="Linux"), \
                mock.patch.object(report.platform, "release", return_value="6.0-test"), \
                mock.patch.object(report.Path, "read_text", side_effect=OSError):
            data = UnchangedWithoutWireRowsTest.inputs()
            return (report.render_markdown(data, compile_result, 9, "0.2", "performance.svg"),
                    report.render_svg(data, compile_result))

    def test_markdown_and_chart_are_byte_identical_to_before(self):
        for name, compile_result in (("none", None), ("compile", COMPILE), ("old_compile", OLD_COMPILE)):
            markdown, svg = self.rendered(compile_result)
            with self.subTest(name):
                self.assertEqual((hashlib.sha256(markdown.encode("utf-8")).hexdigest(),
                                  hashlib.sha256(svg.encode("utf-8")).hexdigest()), self.EXPECTED[name])

    def test_the_fixed_machine_description_is_what_is_rendered(self):
        markdown, _ = self.rendered(None)
        self.assertIn("- **Machine**: Test CPU, 2 logical CPUs at 2596 MHz, Linux 6.0-test; load average at start "
                      "1.21, 1.52, 1.57", markdown)
        self.assertIn("| `awscli_assume_role` | 100 | 900 ns | 1.00 µs | 800 ns | 300 ns | **0.90x** |", markdown)


class CommandLineTest(unittest.TestCase):
    """main() with --from-json, no build and no timing."""

    def render(self, *json_documents):
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            paths = []
            for index, document in enumerate(json_documents):
                paths.append(scratch / f"results-{index}.json")
                paths[-1].write_text(json.dumps(document), encoding="utf-8")
            doc, chart = scratch / "performance.md", scratch / "performance.svg"
            doc.write_text(f"head\n{report.BEGIN}\n{report.END}\ntail\n", encoding="utf-8")
            argv = ["report.py", "--no-compile-time", "--doc", str(doc), "--chart", str(chart), "--from-json",
                    *map(str, paths)]
            with mock.patch.object(sys, "argv", argv), mock.patch("builtins.print"):
                report.main()
            return doc.read_text(encoding="utf-8"), chart.read_text(encoding="utf-8")

    def test_the_wire_binarys_output_is_merged_after_the_json_ones(self):
        text, svg = self.render(results(PARSE, DUMP, STAMPS), wire_results(READ_XML, WRITE_FORM))
        self.assertIn("| `botocore_assume_role_full` | 100 | 900 ns |", text)
        self.assertIn("Reading STS XML: time / tinyxml2 DOM walked by hand (lower is faster)", svg)
        # A file that already holds both runs (what a real run leaves in build-bench/bench-results.json) renders the
        # same on its own.
        self.assertEqual(self.render(with_wire()), (text, svg))

    def test_one_json_output_renders_as_before(self):
        text, _ = self.render(results(PARSE, DUMP, STAMPS))
        self.assertNotIn("STS XML", text)
        self.assertTrue(text.startswith(f"head\n{report.BEGIN}") and text.endswith(f"{report.END}\ntail\n"))


class IncludeTraceTest(unittest.TestCase):
    """bench/compile_time.py's reading of `-H` output, on a hand-made trace (no compiler run)."""

    TRACE = [(1, "include/awsauth/eks_auth.hpp"), (2, "include/awsauth/model/eks_auth.hpp"),
             (1, "include/awsauth/parse.hpp"), (2, "include/awsauth/validate.hpp"),
             (3, "include/awsauth/model/sts.hpp"), (4, "/usr/include/c++/12/string"),
             (2, "/usr/include/nlohmann/json.hpp"), (1, "include/awsauth/sts.hpp")]

    def test_finds_each_matching_header_once_and_the_chain_to_the_first(self):
        _, _, sts = compile_time.TRACE_CHECKS[1]
        found, chain = compile_time.check_trace(self.TRACE, sts)
        self.assertEqual(found, ["include/awsauth/model/sts.hpp", "include/awsauth/sts.hpp"])
        self.assertEqual(chain, ["include/awsauth/parse.hpp", "include/awsauth/validate.hpp",
                                 "include/awsauth/model/sts.hpp"])

    def test_a_clean_trace_passes(self):
        _, _, nlohmann = compile_time.TRACE_CHECKS[0]
        self.assertEqual(compile_time.check_trace(self.TRACE[:2], nlohmann), ([], None))
        _, chain = compile_time.check_trace(self.TRACE, nlohmann)
        self.assertEqual(chain, ["include/awsauth/parse.hpp", "/usr/include/nlohmann/json.hpp"])

    def test_reads_gcc_and_clang_trace_lines(self):
        self.assertEqual(compile_time.TRACE_LINE.match(".. /usr/include/nlohmann/json.hpp").groups(),
                         ("..", "/usr/include/nlohmann/json.hpp"))
        self.assertEqual(compile_time.TRACE_LINE.match(".! /tmp/pch.h.gch").group(2), "/tmp/pch.h.gch")
        self.assertIsNone(compile_time.TRACE_LINE.match("Multiple include guards may be useful for:"))

    def test_the_printed_fact(self):
        self.assertEqual(compile_time.trace_line(COMPILE["traces"][1]),
                         "eks_auth_round_trip.cpp: no STS header in the include trace: yes")
        self.assertEqual(compile_time.trace_line(COMPILE["traces"][0]),
                         "sts_model_only.cpp: no nlohmann header in the include trace: no (2 such headers, the first "
                         "by way of awsauth/sts.hpp -> awsauth/json.hpp -> /usr/include/nlohmann/json.hpp)")

    def test_include_dirs_from_a_cmake_list(self):
        self.assertEqual(compile_time.include_flags("/usr/include;;/opt/date/include;/usr/include"),
                         ["-I/usr/include", "-I/opt/date/include"])
        self.assertEqual(compile_time.include_flags(None), [])


if __name__ == "__main__":
    unittest.main()
