#!/usr/bin/env python3
"""Unit tests for bench/report.py's arithmetic and rendering, on hand-made Google Benchmark output (no timing)."""

import sys
import tempfile
import unittest
import xml.dom.minidom
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
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


class MediansTest(unittest.TestCase):
    def test_takes_the_median_aggregate_in_nanoseconds(self):
        rows = report.medians({"benchmarks": aggregate("parse/p/awsauth", 2.5, unit="us", cv=0.125)})
        self.assertEqual(rows[("parse", "p", "awsauth")], {"ns": 2500.0, "bytes": 100, "cv": 0.125})

    def test_ignores_single_iterations(self):
        rows = report.medians(results({}, {}, {}))
        self.assertEqual(rows, {})


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

    def test_chart_is_svg_with_one_bar_per_figure(self):
        svg = report.render_svg(results(PARSE, DUMP, STAMPS), {"ratio": 2.0})
        document = xml.dom.minidom.parseString(svg)
        bars = [rect for rect in document.getElementsByTagName("rect") if rect.getAttribute("height") == "10"]
        # 3 payloads x (awsauth, SAX floor) + 3 payloads x awsauth + 4 timestamp speedups
        self.assertEqual(len(bars), 6 + 3 + 4)

    def test_doc_is_rewritten_only_between_markers(self):
        with tempfile.TemporaryDirectory() as scratch:
            doc = Path(scratch) / "performance.md"
            doc.write_text(f"before\n{report.BEGIN}\nold\n{report.END}\nafter\n", encoding="utf-8")
            report.write_doc(doc, f"{report.BEGIN}\nnew\n{report.END}")
            self.assertEqual(doc.read_text(encoding="utf-8"), f"before\n{report.BEGIN}\nnew\n{report.END}\nafter\n")
            doc.write_text("no markers\n", encoding="utf-8")
            with self.assertRaises(SystemExit):
                report.write_doc(doc, "x")


if __name__ == "__main__":
    unittest.main()
