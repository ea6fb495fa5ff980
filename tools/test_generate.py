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
        _, models, common = generate.load_models()
        secret = set()
        for service, model in models + [(None, common)]:
            for name in model.local_shapes:
                for key, member in model.shapes[name]["members"].items():
                    if model.is_secret_member(name, key, member):
                        secret.add(f"{service.namespace if service else 'awsauth'}::{name}.{key}")
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
        })


if __name__ == "__main__":
    unittest.main()
