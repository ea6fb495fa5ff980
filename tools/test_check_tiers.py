#!/usr/bin/env python3
"""Unit tests for tools/check_tiers.py: every edge the tiers allow passes, every other edge fails with its message.

Run by CTest (`include_tiers_rules`) when python3 is there: python3 tools/test_check_tiers.py
"""

import contextlib
import io
import re
import sys
import unittest
import unittest.mock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_tiers  # noqa: E402  (the path above makes the tool importable)
from test_single_header import header, write_headers  # noqa: E402  (the same throwaway include/ trees)

ROOT = Path(__file__).resolve().parent.parent


def includes(*names):
    return header(*(f"#include <{name}>" for name in names))


# A tree in the layout of docs/architecture.md in which every kind of edge the rules allow occurs at least once.
ALLOWED = {
    # core -> core, and date from timestamp.hpp
    "version.hpp": header(),
    "error.hpp": includes("awsauth/version.hpp", "awsauth/detail/utf8.hpp", "string"),
    "timestamp.hpp": includes("awsauth/error.hpp", "date/date.h"),
    "fields.hpp": includes("awsauth/constraints.hpp", "awsauth/member_types.hpp"),
    "constraints.hpp": header(),
    "member_types.hpp": includes("awsauth/timestamp.hpp"),
    "options.hpp": header(),
    "detail/utf8.hpp": header(),
    "detail/json_pointer.hpp": header(),
    # model -> core, model -> model
    "model/response_metadata.hpp": includes("awsauth/fields.hpp"),
    "model/sts.hpp": includes("awsauth/fields.hpp", "awsauth/model/response_metadata.hpp",
                              "awsauth/model/patterns.hpp"),
    "model/eks_auth.hpp": includes("awsauth/constraints.hpp", "awsauth/member_types.hpp"),
    "model/patterns.hpp": includes("awsauth/constraints.hpp"),
    # codec -> core, codec -> codec; nlohmann from the three that may, expat from the wire codec
    "json.hpp": includes("awsauth/fields.hpp", "awsauth/detail/json_reading.hpp", "nlohmann/json.hpp"),
    "parse.hpp": includes("awsauth/detail/json_reading.hpp", "awsauth/validate.hpp", "nlohmann/json.hpp"),
    "detail/json_reading.hpp": includes("awsauth/timestamp.hpp", "nlohmann/json_fwd.hpp"),
    "dump.hpp": includes("awsauth/detail/json_text.hpp", "awsauth/options.hpp"),
    "print.hpp": includes("awsauth/fields.hpp"),
    "validate.hpp": includes("awsauth/detail/json_pointer.hpp", "awsauth/constraints.hpp"),
    "detail/json_text.hpp": includes("awsauth/detail/utf8.hpp"),
    "wire.hpp": includes("awsauth/detail/wire/reader.hpp", "expat.h"),
    "detail/wire/reader.hpp": includes("awsauth/detail/json_pointer.hpp", "expat.h"),
    # umbrella -> anything; the forwarding umbrellas -> model
    "awsauth.hpp": includes("awsauth/sts.hpp", "awsauth/eks_auth.hpp", "awsauth/response_metadata.hpp",
                            "awsauth/parse.hpp", "awsauth/dump.hpp", "awsauth/json.hpp", "awsauth/print.hpp",
                            "awsauth/wire.hpp", "awsauth/version.hpp", "awsauth/model/patterns.hpp"),
    "sts.hpp": includes("awsauth/model/sts.hpp"),
    "eks_auth.hpp": includes("awsauth/model/eks_auth.hpp"),
    "response_metadata.hpp": includes("awsauth/model/response_metadata.hpp"),
}


def run(test, headers, *arguments):
    """(exit status, stdout, stderr) of check_tiers on a throwaway tree holding `headers`."""
    root = write_headers(test, headers)
    with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()) as err:
        status = check_tiers.main(list(arguments), root)
    return status, out.getvalue(), err.getvalue()


class Allowed(unittest.TestCase):
    def test_every_allowed_edge_passes_with_a_summary_per_tier(self):
        status, out, err = run(self, ALLOWED)
        self.assertEqual((status, err), (0, ""))
        self.assertEqual(len(out.splitlines()), 1)
        self.assertIn("26 headers (9 core, 4 model, 9 codec, 4 umbrella)", out)
        self.assertIn("every one allowed", out)

    def test_graph_prints_each_edge_with_its_tiers(self):
        status, out, _ = run(self, ALLOWED, "--graph")
        self.assertEqual(status, 0)
        lines = out.splitlines()
        self.assertIn("sts.hpp [umbrella] -> model/sts.hpp [model]", lines)
        self.assertIn("timestamp.hpp [core] -> <date/date.h> [date]", lines)
        self.assertIn("wire.hpp [codec] -> <expat.h> [expat]", lines)
        self.assertNotIn("<string>", out)  # the standard library is not an edge between tiers
        edges = sum(text.count("#include <") - text.count("#include <string>") for text in ALLOWED.values())
        self.assertEqual(len(lines), edges + 1)  # every awsauth and library include, then the summary


class Forbidden(unittest.TestCase):
    def assert_fails(self, changes, *messages):
        status, out, err = run(self, {**ALLOWED, **changes})
        self.assertEqual((status, out), (1, ""))
        self.assertEqual(err.splitlines(), list(messages))

    def with_include(self, name, included):
        """ALLOWED's `name` with one more include."""
        return {name: ALLOWED[name] + f"#include <{included}>\n"}

    def test_core_includes_only_core(self):
        for included, tier in (("awsauth/model/sts.hpp", "a model"), ("awsauth/json.hpp", "a codec"),
                               ("awsauth/awsauth.hpp", "an umbrella")):
            with self.subTest(included=included):
                self.assert_fails(self.with_include("fields.hpp", included),
                                  f"include/awsauth/fields.hpp includes <{included}>: a core header may not include "
                                  f"{tier} header")

    def test_model_includes_no_codec_and_no_umbrella(self):
        for included, tier in (("awsauth/print.hpp", "a codec"), ("awsauth/sts.hpp", "an umbrella")):
            with self.subTest(included=included):
                self.assert_fails(self.with_include("model/sts.hpp", included),
                                  f"include/awsauth/model/sts.hpp includes <{included}>: a model header may not "
                                  f"include {tier} header")

    def test_codec_includes_no_model_and_no_umbrella(self):
        for included, tier in (("awsauth/model/sts.hpp", "a model"), ("awsauth/eks_auth.hpp", "an umbrella")):
            with self.subTest(included=included):
                self.assert_fails(self.with_include("validate.hpp", included),
                                  f"include/awsauth/validate.hpp includes <{included}>: a codec header may not "
                                  f"include {tier} header")

    def test_forwarding_umbrellas_include_only_model_headers(self):
        for included, tier in (("awsauth/fields.hpp", "a core"), ("awsauth/json.hpp", "a codec"),
                               ("awsauth/response_metadata.hpp", "an umbrella")):
            with self.subTest(included=included):
                self.assert_fails(self.with_include("sts.hpp", included),
                                  f"include/awsauth/sts.hpp includes <{included}>: a forwarding umbrella may include "
                                  f"only model headers, not {tier} header")

    def test_nlohmann_only_from_json_parse_and_json_reading(self):
        only = "only json.hpp, parse.hpp, detail/json_reading.hpp may"
        for name, tier in (("dump.hpp", "a codec"), ("detail/json_text.hpp", "a codec"), ("fields.hpp", "a core"),
                           ("model/sts.hpp", "a model"), ("awsauth.hpp", "an umbrella")):
            with self.subTest(name=name):
                self.assert_fails(self.with_include(name, "nlohmann/json.hpp"),
                                  f"include/awsauth/{name} includes <nlohmann/json.hpp>: {tier} header may not "
                                  f"include nlohmann ({only})")

    def test_date_only_from_timestamp(self):
        for name, tier in (("model/eks_auth.hpp", "a model"), ("error.hpp", "a core"), ("dump.hpp", "a codec")):
            with self.subTest(name=name):
                self.assert_fails(self.with_include(name, "date/date.h"),
                                  f"include/awsauth/{name} includes <date/date.h>: {tier} header may not include "
                                  "date (only timestamp.hpp may)")

    def test_expat_only_from_the_wire_codec(self):
        for name, tier in (("parse.hpp", "a codec"), ("detail/utf8.hpp", "a core"), ("model/sts.hpp", "a model")):
            with self.subTest(name=name):
                self.assert_fails(self.with_include(name, "expat.h"),
                                  f"include/awsauth/{name} includes <expat.h>: {tier} header may not include expat "
                                  "(only wire*.hpp, detail/wire* may)")

    def test_a_header_in_no_tier(self):
        self.assert_fails({"model_constraints.hpp": header()},
                          "include/awsauth/model_constraints.hpp is in no tier: classify it in tools/check_tiers.py "
                          "(see docs/architecture.md)")

    def test_a_header_in_two_tiers(self):
        with unittest.mock.patch.dict(check_tiers.TIERS, {"core": check_tiers.TIERS["core"] + ("json.hpp",)}):
            self.assert_fails({}, "include/awsauth/json.hpp is in core and codec: classify it in one tier in "
                                  "tools/check_tiers.py")

    def test_edges_to_a_header_in_no_tier_are_not_judged_twice(self):
        self.assert_fails({"utf8.hpp": header(), **self.with_include("error.hpp", "awsauth/utf8.hpp")},
                          "include/awsauth/utf8.hpp is in no tier: classify it in tools/check_tiers.py "
                          "(see docs/architecture.md)")

    def test_an_include_of_a_missing_header(self):
        self.assert_fails(self.with_include("json.hpp", "awsauth/gone.hpp"),
                          "include/awsauth/json.hpp includes <awsauth/gone.hpp>: no such header under include/awsauth/")

    def test_what_the_include_parser_refuses(self):
        self.assert_fails({"options.hpp": header('#include "error.hpp"')},
                          "include/awsauth/options.hpp:3: quoted #include; include awsauth headers as <awsauth/...>")

    def test_graph_marks_the_forbidden_edge(self):
        status, out, _ = run(self, {**ALLOWED, **self.with_include("fields.hpp", "awsauth/json.hpp")}, "--graph")
        self.assertEqual(status, 1)
        self.assertIn("fields.hpp [core] -> json.hpp [codec]  FORBIDDEN", out.splitlines())


class Table(unittest.TestCase):
    def test_every_header_docs_architecture_md_places_is_in_the_same_tier_here(self):
        rows = {"core": "core", "model": "model", "codecs": "codec", "umbrellas": "umbrella"}
        placed = set()
        for line in (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8").splitlines():
            row = re.match(r"\| \*\*(\w+)\*\*[^|]*\| ([^|]+) \|", line)
            if row and row.group(1) in rows:
                for name in re.findall(r"`([\w/]+\.hpp)`", row.group(2)):
                    self.assertEqual(check_tiers.tiers_of(name), [rows[row.group(1)]], name)
                    placed.add(name)
        # The table places every header there is, so a new header is documented where it is classified.
        present = {str(path.relative_to(check_tiers.INCLUDE / "awsauth"))
                   for path in (check_tiers.INCLUDE / "awsauth").rglob("*.hpp")}
        self.assertEqual(placed, present)


if __name__ == "__main__":
    unittest.main()
