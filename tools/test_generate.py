#!/usr/bin/env python3
"""Unit tests for tools/generate.py: its naming and documentation rules, and every input it must refuse.

Run by CTest (`generator_rules`) when python3 is there: python3 tools/test_generate.py
"""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402  (the path above makes the generator importable)


def structure(members, required=(), **traits):
    """A documented structure shape, so that a refusal under test is not one for missing documentation."""
    documented = {key: {"documentation": f"<p>{key}.</p>", **member} for key, member in members.items()}
    return {"type": "structure", "members": documented, "required": list(required),
            "documentation": "<p>A shape.</p>", **traits}


def model_with(shapes, operations=None, secret_member_names=()):
    shapes = {"String": {"type": "string"}, **shapes}
    local = [name for name, shape in shapes.items() if shape["type"] == "structure"]
    return generate.Model(shapes, operations or {}, local, secret_member_names)


class Naming(unittest.TestCase):
    def test_snake_case_keeps_acronym_runs_together(self):
        cases = {
            "RoleArn": "role_arn",
            "SAMLAssertion": "saml_assertion",
            "HTTPStatusCode": "http_status_code",
            "AccessKeyId": "access_key_id",
            "eksNodeName": "eks_node_name",
            "arn": "arn",
            "SubjectFromWebIdentityToken": "subject_from_web_identity_token",
            "S3Key": "s3_key",
        }
        for model_name, cpp_name in cases.items():
            self.assertEqual(generate.snake_case(model_name), cpp_name)

    def test_keywords_and_c_macros_get_a_trailing_underscore(self):
        self.assertEqual(generate.snake_case("namespace"), "namespace_")
        self.assertEqual(generate.snake_case("Errno"), "errno_")
        self.assertEqual(generate.snake_case("Major"), "major_")


class Documentation(unittest.TestCase):
    def test_first_sentence_of_the_first_paragraph_as_plain_text(self):
        doc = "<p>The ARN of the role, e.g. <code>arn:aws:iam::1:role/x</code> here. More.</p><p>Other.</p>"
        self.assertEqual(generate.first_sentence(doc), "The ARN of the role, e.g. arn:aws:iam::1:role/x here.")

    def test_a_lead_in_to_a_list_ends_the_sentence(self):
        doc = "<p>A hash of the following:</p> <ul> <li> <p>The Issuer.</p> </li> </ul>"
        self.assertEqual(generate.first_sentence(doc), "A hash of the following.")

    def test_entities_are_unescaped_and_inline_tags_leave_no_space(self):
        self.assertEqual(generate.first_sentence("<p>Use <code>x</code> &amp; <i>y</i>.</p>"), "Use x & y.")

    def test_comments_are_wrapped_at_the_line_width(self):
        lines = generate.wrap_comment("word " * 60, 4)
        self.assertTrue(all(len(line) <= generate.LINE_WIDTH for line in lines))
        self.assertTrue(all(line.startswith("    /// ") for line in lines))

    def test_text_that_would_change_the_code_is_refused(self):
        for text, reason in (("a path like C:\\", "backslash"), ("what??/", "trigraph"), ("a\x01b", "control")):
            with self.assertRaisesRegex(SystemExit, reason):
                generate.wrap_comment(text, 0)


class Refusals(unittest.TestCase):
    def test_an_unmapped_shape_type_is_refused(self):
        model = model_with({"Flag": {"type": "boolean"}, "S": structure({"F": {"shape": "Flag"}})})
        with self.assertRaisesRegex(SystemExit, "type boolean, which awsauth does not map"):
            generate.emit_structure(model, "S")

    def test_a_map_that_is_not_string_to_string_is_refused(self):
        model = model_with({
            "Counts": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "Count"}},
            "Count": {"type": "integer"},
            "S": structure({"C": {"shape": "Counts"}}),
        })
        with self.assertRaisesRegex(SystemExit, "not string to string"):
            generate.emit_structure(model, "S")

    def test_document_and_union_structures_are_refused(self):
        for trait in ("document", "union"):
            with self.assertRaisesRegex(SystemExit, f"is a {trait} shape"):
                model_with({"S": structure({}, **{trait: True})})

    def test_members_that_collide_after_snake_case_are_refused(self):
        model = model_with({"S": structure({"RoleArn": {"shape": "String"}, "roleArn": {"shape": "String"}})})
        with self.assertRaisesRegex(SystemExit, "would both be named role_arn"):
            generate.emit_structure(model, "S")

    def test_a_member_colliding_with_the_error_constants_is_refused(self):
        shapes = {"E": structure({"HttpStatusCode": {"shape": "String"}},
                                 exception=True, error={"httpStatusCode": 400})}
        with self.assertRaisesRegex(SystemExit, "would both be named http_status_code"):
            generate.emit_structure(model_with(shapes), "E")

    def test_a_name_that_would_need_escaping_is_refused(self):
        model = model_with({"S": structure({'Bad"Key': {"shape": "String"}})})
        with self.assertRaisesRegex(SystemExit, "not a plain name"):
            generate.emit_structure(model, "S")

    def test_an_overlay_member_the_model_already_has_is_refused(self):
        model = {"shapes": {"R": structure({"zone": {"shape": "String"}})}}
        with self.assertRaisesRegex(SystemExit, "remove it from the overlay"):
            generate.merge_overlay(model, {"shapes": {"R": {"members": {"zone": {"shape": "String"}}}}}, "m.json")

    def test_an_undocumented_shape_that_is_no_operation_input_or_output_is_refused(self):
        shape = structure({})
        del shape["documentation"]
        with self.assertRaisesRegex(SystemExit, "no documentation"):
            model_with({"S": shape}).struct_doc("S")


class Output(unittest.TestCase):
    def test_optional_exactly_where_the_model_does_not_require(self):
        model = model_with({"S": structure({"A": {"shape": "String"}, "B": {"shape": "String"}}, required=["A"])})
        text = "\n".join(generate.emit_structure(model, "S"))
        self.assertIn("    std::string a{};", text)
        self.assertIn("    std::optional<std::string> b{};", text)
        self.assertIn('field{"A", &S::a}', text)


CATEGORIES = {"L": [(0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xD6)], "N": [(0x30, 0x39)], "Z": [(0x20, 0x20)]}


def runs(source):
    return generate.PatternReader(source, CATEGORIES).runs()


def ascii_ranges(*chars):
    return generate.merge_ranges((ord(c), ord(c)) for c in chars)


class PatternShapes(unittest.TestCase):
    """Every pattern shape the models use becomes runs; \\w and \\d are ASCII, as in Java's default mode."""

    def test_a_class_repeated_is_one_run(self):
        word = generate.ASCII_WORD
        self.assertEqual(runs("[\\w+=,.@-]*"),
                         [(generate.merge_ranges(word + ascii_ranges("+", "=", ",", ".", "@", "-")), 0, None)])
        self.assertEqual(runs("[\\d]*"), [(((0x30, 0x39),), 0, None)])
        self.assertEqual(runs("[\\w]+"), [(generate.merge_ranges(word), 1, None)])

    def test_hex_escapes_and_ranges_are_code_points(self):
        self.assertEqual(runs("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"),
                         [(((0x09, 0x0A), (0x0D, 0x0D), (0x20, 0xFF)), 1, None)])

    def test_the_supplementary_planes_as_aws_writes_them(self):
        self.assertEqual(runs("[\\uE000-\\uFFFD\\u10000-\\u10FFFF]+"),
                         [(((0xE000, 0xFFFD), (0x10000, 0x10FFFF)), 1, None)])

    def test_unicode_categories_come_from_the_vendored_table(self):
        self.assertEqual(runs("[\\p{L}\\p{Z}\\p{N}_\\-]+")[0][0],
                         generate.merge_ranges(CATEGORIES["L"] + CATEGORIES["N"] + CATEGORIES["Z"]
                                               + [(0x5F, 0x5F), (0x2D, 0x2D)]))

    def test_a_hyphen_after_a_range_or_at_the_end_is_literal(self):
        self.assertEqual(runs("[0-9-_]")[0][0], generate.merge_ranges([(0x30, 0x39), (0x2D, 0x2D), (0x5F, 0x5F)]))
        self.assertEqual(runs("[a-]")[0][0], ascii_ranges("a", "-"))

    def test_a_first_character_then_the_rest(self):
        self.assertEqual([(minimum, maximum) for _, minimum, maximum in runs("[0-9A-Za-z][A-Za-z0-9\\-_]*")],
                         [(1, 1), (0, None)])

    def test_the_jwt_shape_is_three_runs_between_literal_dots(self):
        parsed = runs("[A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+")
        self.assertEqual([(minimum, maximum) for _, minimum, maximum in parsed], [(1, None), (1, 1)] * 2 + [(1, None)])
        self.assertEqual(parsed[1][0], ascii_ranges("."))

    def test_every_pattern_of_the_vendored_models_is_classified(self):
        _, models, _, _ = generate.load_models()
        categories = generate.read_unicode_categories()
        patterns = {shape["pattern"] for _, model in models for shape in model.shapes.values() if "pattern" in shape}
        self.assertEqual(len(patterns), 13)
        for source in patterns:
            self.assertTrue(generate.PatternReader(source, categories).runs())

    def test_a_pattern_with_backslashes_is_a_raw_literal_and_any_other_a_plain_one(self):
        self.assertEqual(generate.pattern_literal("[\\w+=,.@-]*"), 'R"([\\w+=,.@-]*)"')
        self.assertEqual(generate.pattern_literal("[a-z]+"), '"[a-z]+"')
        # A raw literal cannot hold its own closing sequence; such a pattern is escaped instead.
        self.assertEqual(generate.pattern_literal('[\\d)"]'), '"[\\\\d)\\"]"')


class VendoredUnicodeCategories(unittest.TestCase):
    def test_known_code_points_are_in_their_category(self):
        categories = generate.read_unicode_categories()

        def category_of(code_point):
            return [name for name, ranges in categories.items() if any(a <= code_point <= b for a, b in ranges)]

        expected = {0x41: ["L"], 0xE9: ["L"], 0x65E5: ["L"], 0x20000: ["L"], 0x39: ["N"], 0x660: ["N"], 0xBD: ["N"],
                    0x20: ["Z"], 0xA0: ["Z"], 0x3000: ["Z"], 0x2028: ["Z"], 0x24: [], 0x5F: [], 0x1F600: [], 0x301: []}
        for code_point, names in expected.items():
            with self.subTest(code_point=hex(code_point)):
                self.assertEqual(category_of(code_point), names)


class PatternRefusals(unittest.TestCase):
    def test_what_is_not_a_matcher_shape_is_refused_with_the_reason(self):
        cases = {
            "(a|b)": "metacharacter '\\('",
            "a|b": "metacharacter '\\|'",
            "[^a]*": "negated class",
            "a?": "metacharacter '\\?'",
            "[a-z]{2}": "metacharacter '\\{'",
            "^abc$": "metacharacter '\\^'",
            ".*": "metacharacter '\\.'",
            "\\s*": "escape \\\\s outside a class",
            "[\\s]": "escape \\\\s",
            "[\\p{Lu}]": "category",
            "[a-z]*[a-z]": "backtracking",
            "[a-z]*[0-9]*[a-z]": "backtracking",
            "[\\u00FFA]": "ambiguous escape",
            "[\\u12]": "fewer than four",
            "[\\w-x]": "class escape",
            "[]": "empty class",
            "[z-a]": "reversed range",
            "[abc": "unclosed class",
            "": "empty pattern",
        }
        for source, reason in cases.items():
            with self.subTest(source=source):
                with self.assertRaisesRegex(generate.PatternRefused, reason):
                    runs(source)

    def test_the_generator_stops_on_a_pattern_it_cannot_classify(self):
        model = model_with({"Id": {"type": "string", "pattern": "(a|b)+"}, "S": structure({"I": {"shape": "Id"}})})
        writer = generate.ConstraintWriter(CATEGORIES)
        with self.assertRaisesRegex(SystemExit, "S.I has the pattern '\\(a\\|b\\)\\+', which is not one of"):
            generate.emit_structure(model, "S", writer)


class ConstraintTables(unittest.TestCase):
    """Each descriptor carries its member's rule, written with constraints.hpp's named factories."""

    def table(self, shapes, name="S"):
        return "\n".join(generate.emit_structure(model_with(shapes), name, generate.ConstraintWriter(CATEGORIES)))

    def test_one_rule_per_member_in_its_descriptor(self):
        text = self.table({
            "Name": {"type": "string", "min": 2, "max": 64, "pattern": "[\\w]*"},
            "Seconds": {"type": "integer", "min": 900, "max": 43200},
            "Count": {"type": "integer", "min": 0},
            "Low": {"type": "integer", "max": 7},
            "Names": {"type": "list", "member": {"shape": "Name"}, "max": 50},
            "Some": {"type": "list", "member": {"shape": "String"}, "min": 1},
            "Each": {"type": "list", "member": {"shape": "Name"}},
            "Free": {"type": "string", "min": 1},
            "Short": {"type": "string", "max": 3},
            "Shaped": {"type": "string", "pattern": "[\\w]*"},
            "Labels": {"type": "map", "key": {"shape": "Short"}, "value": {"shape": "String"}},
            "S": structure({"N": {"shape": "Name"}, "D": {"shape": "Seconds"}, "C": {"shape": "Count"},
                            "W": {"shape": "Low"}, "L": {"shape": "Names"}, "M": {"shape": "Some"},
                            "E": {"shape": "Each"}, "F": {"shape": "Free"}, "H": {"shape": "Short"},
                            "X": {"shape": "Shaped"}, "B": {"shape": "Labels"}, "P": {"shape": "String"}}),
        })
        self.assertIn('field{"N", &S::n, length(2, 64).matching(model_patterns::test_name)},', text)
        self.assertIn('field{"D", &S::d, range(900, 43200)},', text)
        self.assertIn('field{"C", &S::c, at_least(0)},', text)
        self.assertIn('field{"W", &S::w, at_most(7)},', text)
        self.assertIn('field{"L", &S::l, items_at_most(50).each(length(2, 64).matching(model_patterns::test_name))}',
                      text)
        self.assertIn('field{"M", &S::m, items_at_least(1)},', text)
        self.assertIn('field{"E", &S::e, each(length(2, 64).matching(model_patterns::test_name))},', text)
        self.assertIn('field{"F", &S::f, length_at_least(1)},', text)
        self.assertIn('field{"H", &S::h, length_at_most(3)},', text)
        self.assertIn('field{"X", &S::x, matching(model_patterns::test_name)},', text)
        self.assertIn('field{"B", &S::b, entries(length_at_most(3), no_rule{})},', text)
        self.assertIn('field{"P", &S::p}};', text)

    def test_a_long_descriptor_breaks_before_its_rule(self):
        text = self.table({
            "Name": {"type": "string", "min": 2, "max": 64, "pattern": "[\\w]*"},
            "AVeryLongStructureNameIndeed": structure({"SomeRatherLongMemberNameToo": {"shape": "Name"}}),
        }, name="AVeryLongStructureNameIndeed")
        self.assertIn('        field{"SomeRatherLongMemberNameToo", '
                      '&AVeryLongStructureNameIndeed::some_rather_long_member_name_too,\n'
                      '              length(2, 64).matching(model_patterns::test_name)}};', text)

    def test_an_unknown_trait_is_refused_rather_than_skipped(self):
        for trait, value in (("enum", ["A", "B"]), ("deprecated", True)):
            with self.subTest(trait=trait):
                shapes = {"Kind": {"type": "string", trait: value}, "S": structure({"K": {"shape": "Kind"}})}
                with self.assertRaisesRegex(SystemExit, f"has {trait}, which awsauth's validation does not know"):
                    self.table(shapes)

    def test_an_unknown_member_trait_is_refused(self):
        shapes = {"S": structure({"K": {"shape": "String", "idempotencyToken": True}})}
        with self.assertRaisesRegex(SystemExit, "S.K has idempotencyToken"):
            self.table(shapes)

    def test_constraints_awsauth_cannot_check_are_refused(self):
        cases = {
            "a pattern on an integer": {"type": "integer", "pattern": "[0-9]*"},
            "min above max": {"type": "string", "min": 5, "max": 2},
            "a size on a map": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}, "max": 3},
            "a non-integer bound": {"type": "string", "max": 2.5},
            "a bound beyond 32 bits": {"type": "integer", "max": 2 ** 31},
        }
        for why, shape in cases.items():
            with self.subTest(why):
                with self.assertRaises(SystemExit):
                    self.table({"X": shape, "S": structure({"K": {"shape": "X"}})})
        with self.assertRaisesRegex(SystemExit, "structure with a constraint"):
            self.table({"T": structure({}, min=1), "S": structure({"K": {"shape": "T"}})})


class Secrets(unittest.TestCase):
    def table(self, model, name):
        return "\n".join(generate.emit_structure(model, name))

    def test_a_member_whose_shape_is_sensitive_is_secret_and_its_neighbour_is_not(self):
        model = model_with({"Key": {"type": "string", "sensitive": True},
                            "S": structure({"Id": {"shape": "String"}, "Secret": {"shape": "Key"}})})
        text = self.table(model, "S")
        self.assertIn('field{"Secret", &S::secret, visibility::secret}', text)
        self.assertIn('field{"Id", &S::id}', text)
        self.assertNotIn("is_secret_shape", text)

    def test_a_member_marked_sensitive_itself_is_secret(self):
        model = model_with({"S": structure({"Pin": {"shape": "String", "sensitive": True}})})
        self.assertIn('field{"Pin", &S::pin, visibility::secret}', self.table(model, "S"))

    def test_a_sensitive_structure_is_a_secret_shape_and_so_is_every_member_of_it_and_every_member_holding_it(self):
        model = model_with({"Creds": structure({"Id": {"shape": "String"}}, sensitive=True),
                            "Out": structure({"Creds": {"shape": "Creds"}, "Name": {"shape": "String"}})})
        creds = self.table(model, "Creds")
        self.assertIn('field{"Id", &Creds::id, visibility::secret}', creds)
        self.assertIn("constexpr bool is_secret_shape(type_tag<Creds>) noexcept { return true; }", creds)
        out = self.table(model, "Out")
        self.assertIn('field{"Creds", &Out::creds, visibility::secret}', out)
        self.assertIn('field{"Name", &Out::name}', out)

    def test_the_listed_names_are_secret_wherever_they_occur(self):
        model = model_with({"S": structure({"SessionToken": {"shape": "String"}, "Other": {"shape": "String"}})},
                           secret_member_names=["SessionToken"])
        text = self.table(model, "S")
        self.assertIn('field{"SessionToken", &S::session_token, visibility::secret}', text)
        self.assertIn('field{"Other", &S::other}', text)

    def test_a_listed_name_no_structure_has_is_refused(self):
        model = model_with({"S": structure({"SessionToken": {"shape": "String"}})})
        with self.assertRaisesRegex(SystemExit, "names sessionTokn, which no structure has"):
            generate.check_secret_member_names(["SessionToken", "sessionTokn"], [model])

    def test_the_secrets_of_the_vendored_models(self):
        """Every member the rule makes secret, against the list read off the models by hand (each `sensitive` mark)."""
        _, models, common, sources = generate.load_models()
        secret = set()
        namespaced = [(service.namespace, model) for service, model in models] + [("awsauth", common)]
        namespaced += [(namespace, model) for namespace, _, model in sources]
        for namespace, model in namespaced:
            for name in model.local_shapes:
                for key, member in model.shapes[name]["members"].items():
                    if model.is_secret_member(name, key, member):
                        secret.add(f"{namespace}::{name}.{key}")
        self.assertEqual(secret, {
            "sts::Credentials.SecretAccessKey",                    # accessKeySecretType: sensitive
            "sts::Credentials.SessionToken",                       # overlay: tokenType is not marked
            "sts::AssumeRoleWithSAMLRequest.SAMLAssertion",        # SAMLAssertionType: sensitive
            "sts::AssumeRoleWithWebIdentityRequest.WebIdentityToken",  # clientTokenType: sensitive
            "sts::GetDelegatedAccessTokenRequest.TradeInToken",    # tradeInTokenType: sensitive
            "sts::GetWebIdentityTokenResponse.WebIdentityToken",   # webIdentityTokenType: sensitive
            "eks_auth::AssumeRoleForPodIdentityRequest.token",     # JwtToken: sensitive
            "eks_auth::AssumeRoleForPodIdentityResponse.credentials",  # Credentials: a sensitive structure
            "eks_auth::Credentials.sessionToken",                  # members of the sensitive structure
            "eks_auth::Credentials.secretAccessKey",
            "eks_auth::Credentials.accessKeyId",
            "eks_auth::Credentials.expiration",
            "sso::GetRoleCredentialsRequest.accessToken",          # AccessTokenType: sensitive
            "sso::ListAccountRolesRequest.accessToken",
            "sso::ListAccountsRequest.accessToken",
            "sso::LogoutRequest.accessToken",
            "sso::RoleCredentials.secretAccessKey",                # SecretAccessKeyType: sensitive
            "sso::RoleCredentials.sessionToken",                   # SessionTokenType: sensitive
            "container::Credentials.SecretAccessKey",              # overlay sources: SecretString is sensitive
            "container::Credentials.Token",
            "imds::Credentials.SecretAccessKey",
            "imds::Credentials.Token",
            "credential_process::Credentials.SecretAccessKey",
            "credential_process::Credentials.SessionToken",
        })


if __name__ == "__main__":
    unittest.main()
