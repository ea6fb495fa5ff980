#!/usr/bin/env python3
"""Unit tests for tools/single_header.py: the order it joins headers in, and every input it must refuse.

Run by CTest (`single_header_rules`) when python3 is there: python3 tools/test_single_header.py
"""

import contextlib
import io
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import single_header  # noqa: E402  (the path above makes the tool importable)


def write_headers(test, headers):
    """A throwaway include/ directory holding `headers`, removed when `test` ends; returns its path."""
    directory = tempfile.TemporaryDirectory()
    test.addCleanup(directory.cleanup)
    root = Path(directory.name)
    for name, text in headers.items():
        path = root / "awsauth" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def header(*lines):
    return "\n".join(["// a header", "#pragma once", *lines]) + "\n"


def section_order(text):
    return [line.split()[2] for line in text.splitlines() if line.startswith("// ---------------- ")]


class Joining(unittest.TestCase):
    def setUp(self):
        self.root = write_headers(self, {
            "awsauth.hpp": header("#include <awsauth/model.hpp>", "#include <awsauth/base.hpp>"),
            "model.hpp": header("#include <awsauth/json.hpp>", "#include <vector>", "", "struct model {};"),
            "json.hpp": header("#include <awsauth/base.hpp>", "#include <nlohmann/json.hpp>", "struct json {};"),
            "base.hpp": header("#include <awsauth/detail/tables.hpp>", "#include <string>", "struct base {};"),
            "detail/tables.hpp": header("struct tables {};"),
        })

    def join(self):
        return single_header.join_headers(self.root)

    def test_each_header_once_after_the_headers_it_includes(self):
        self.assertEqual(section_order(self.join()), [
            "awsauth/detail/tables.hpp", "awsauth/base.hpp", "awsauth/json.hpp", "awsauth/model.hpp",
            "awsauth/awsauth.hpp"])

    def test_one_pragma_once_and_no_awsauth_include_remain(self):
        text = self.join()
        self.assertEqual(text.count("#pragma once"), 1)
        self.assertTrue(text.index("#pragma once") < text.index("struct"))
        self.assertNotIn("#include <awsauth/", text)

    def test_other_includes_stay_where_they_were(self):
        text = self.join()
        self.assertLess(text.index("#include <nlohmann/json.hpp>"), text.index("struct json {};"))
        self.assertLess(text.index("#include <vector>"), text.index("struct model {};"))
        self.assertEqual(text.count("#include <string>"), 1)

    def test_read_header_lists_awsauth_and_other_includes_apart(self):
        (self.root / "awsauth" / "json.hpp").write_text(header(
            "#include <awsauth/base.hpp>", "#include <nlohmann/json.hpp>", "struct json {};",
            "#if defined(AWSAUTH_X)", "#include <expat.h>", "#endif"), encoding="utf-8")
        read = single_header.read_header(self.root, "awsauth/json.hpp")
        self.assertEqual(read.awsauth_includes, ["awsauth/base.hpp"])
        self.assertEqual(read.other_includes, ["nlohmann/json.hpp", "expat.h"])

    def test_starts_with_the_banner_and_is_the_same_twice(self):
        text = self.join()
        self.assertTrue(text.startswith(single_header.BANNER))
        self.assertEqual(text, self.join())

    def test_check_fails_when_a_header_changes_and_passes_once_rewritten(self):
        output = self.root / "single" / "awsauth.hpp"
        with contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(single_header.main(["--check"], self.root, output), 1)  # not written yet
        self.assertEqual(single_header.main([], self.root, output), 0)
        self.assertEqual(single_header.main(["--check"], self.root, output), 0)
        (self.root / "awsauth" / "model.hpp").write_text(
            header("#include <awsauth/json.hpp>", "struct model { int added; };"), encoding="utf-8")
        with contextlib.redirect_stderr(io.StringIO()) as message:
            self.assertEqual(single_header.main(["--check"], self.root, output), 1)
        self.assertIn("is stale", message.getvalue())


class Refusals(unittest.TestCase):
    def assert_refused(self, headers, reason):
        with self.assertRaisesRegex(single_header.RefusedHeader, reason):
            single_header.join_headers(write_headers(self, headers))

    def test_a_header_awsauth_hpp_does_not_reach(self):
        self.assert_refused({"awsauth.hpp": header(), "validate.hpp": header()},
                            r"does not reach awsauth/validate\.hpp")

    def test_an_awsauth_include_after_code(self):
        self.assert_refused({"awsauth.hpp": header("#define AWSAUTH_X 1", "#include <awsauth/a.hpp>"),
                             "a.hpp": header()}, r"awsauth\.hpp:4: #include <awsauth/a\.hpp> after code")

    def test_an_awsauth_include_inside_a_conditional(self):
        self.assert_refused({"awsauth.hpp": header("#if 1", "#include <awsauth/a.hpp>", "#endif"),
                             "a.hpp": header()}, r"after code")

    def test_a_quoted_include(self):
        self.assert_refused({"awsauth.hpp": header('#include "a.hpp"'), "a.hpp": header()}, r"quoted #include")

    def test_an_include_of_a_missing_header(self):
        self.assert_refused({"awsauth.hpp": header("#include <awsauth/gone.hpp>")}, r"awsauth/gone\.hpp: no such")

    def test_a_header_without_pragma_once(self):
        self.assert_refused({"awsauth.hpp": "#include <awsauth/a.hpp>\n", "a.hpp": header()}, r"no #pragma once")

    def test_an_include_cycle(self):
        self.assert_refused({"awsauth.hpp": header("#include <awsauth/a.hpp>"),
                             "a.hpp": header("#include <awsauth/b.hpp>"),
                             "b.hpp": header("#include <awsauth/a.hpp>")},
                            r"include cycle: awsauth/a\.hpp -> awsauth/b\.hpp -> awsauth/a\.hpp")


if __name__ == "__main__":
    unittest.main()
