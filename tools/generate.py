#!/usr/bin/env python3
"""Generate awsauth's model headers from the AWS service models that botocore ships.

Reads tools/models/<service>-<version>.json (vendored, untouched) and tools/models/overlay.json
(documented additions), and writes one header per namespace:

    include/awsauth/model/response_metadata.hpp   awsauth::ResponseMetadata (boto3's, in no AWS model)
    include/awsauth/model/sts.hpp                  awsauth::sts::*
    include/awsauth/model/eks_auth.hpp             awsauth::eks_auth::*
    include/awsauth/model/patterns.hpp             the models' patterns as character-class runs

Each header holds, per structure shape: the plain aggregate struct, its member descriptors (JSON key,
member pointer, whether the value is secret and the model's constraint, the one thing the hand-written
generic code in include/awsauth/ needs), and operator== / operator!=; then the Python stub names as aliases
and the shape and operation registries. The model headers include only awsauth's core headers; the mapping
rules themselves (JSON reading and writing, printing, validation) live in the hand-written codecs.

Usage:
    python3 tools/generate.py           regenerate the headers
    python3 tools/generate.py --check   exit 1 if a committed header differs from what would be generated
    python3 tools/generate.py --vendor  copy the models from the installed botocore first
    python3 tools/generate.py --vendor-unicode  rewrite tools/models/unicode-categories.json from unicodedata first

Standard library only; the output is deterministic (same input, same bytes).
"""

import argparse
import gzip
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "tools" / "models"
INCLUDE = ROOT / "include" / "awsauth"
MODEL_INCLUDE = INCLUDE / "model"
GENERATOR = "tools/generate.py"


class Service:
    """One botocore model and where its C++ goes."""

    def __init__(self, model_name, api_version, namespace, header, stub_package):
        self.model_name = model_name  # botocore's folder name, e.g. "eks-auth"
        self.api_version = api_version
        self.namespace = namespace  # C++ namespace below awsauth
        self.header = header
        self.stub_package = stub_package

    @property
    def model_file(self):
        return f"{self.model_name}-{self.api_version}.json"


SERVICES = [
    Service("sts", "2011-06-15", "sts", "sts.hpp", "types-boto3-sts / types-aiobotocore-sts"),
    Service("eks-auth", "2023-11-26", "eks_auth", "eks_auth.hpp", "types-boto3-eks-auth"),
    Service("sso", "2019-06-10", "sso", "sso.hpp", "types-boto3-sso"),
]
RESPONSE_METADATA_HEADER = "response_metadata.hpp"
SOURCES_HEADER = "credential_sources.hpp"

CPP_KEYWORDS = set(
    """alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t char32_t
    class compl concept const consteval constexpr constinit const_cast continue co_await co_return co_yield
    decltype default delete do double dynamic_cast else enum explicit export extern false float for friend
    goto if inline int long mutable namespace new noexcept not not_eq nullptr operator or or_eq private
    protected public register reinterpret_cast requires return short signed sizeof static static_assert
    static_cast struct switch template this thread_local throw true try typedef typeid typename union
    unsigned using virtual void volatile wchar_t while xor xor_eq""".split()
)

# Identifiers the C library may define as macros; a member with such a name would not compile or mean something else.
C_MACRO_NAMES = {"assert", "errno", "major", "minor", "makedev", "offsetof", "setjmp", "stderr", "stdin", "stdout",
                 "unix", "linux", "NULL", "EOF"}

LINE_WIDTH = 120
CONTINUATION_INDENT = 10  # `    visit(` : arguments that do not fit line up after the parenthesis


# Put before a generated function: as a template it is instantiated only where called. Plain inline functions would
# make every user translation unit instantiate the tables and comparisons of all the structs (issue 5 measured 1.1 s).
DEFERRED = "template <int = 0>"

def snake_case(name):
    """RoleArn -> role_arn, SAMLAssertion -> saml_assertion, eksNodeName -> eks_node_name, namespace -> namespace_."""
    words = re.findall(r"[A-Z]+\d*(?=[A-Z][a-z]|\b)|[A-Z]?[a-z]+\d*|[A-Z]+\d*|\d+", name)
    result = "_".join(word.lower() for word in words)
    if result in CPP_KEYWORDS or result in C_MACRO_NAMES:
        result += "_"
    return result


def first_sentence(documentation):
    """The model's HTML documentation reduced to its first plain-text sentence."""
    paragraph = re.split(r"</p>", documentation or "", maxsplit=1)[0]
    paragraph = re.split(r"<(?:ul|ol)\b", paragraph, maxsplit=1)[0]  # a list after "the following:" is not a sentence
    text = re.sub(r"</?(?:p|li|br|div)\b[^>]*>", " ", paragraph)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())
    match = re.search(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)\.(\s|$)", text)
    sentence = text[: match.start() + 1] if match else text
    if sentence.endswith(":"):
        sentence = sentence[:-1] + "."
    return sentence


def checked_literal(text):
    """Model names go into C++ string literals and identifiers unescaped, so they must be plain."""
    if not re.fullmatch(r"[A-Za-z0-9_.:-]+", text):
        raise SystemExit(f"{GENERATOR}: {text!r} is not a plain name; awsauth does not escape it")
    return text


def wrap_comment(text, indent):
    """`/// text` lines. Model text could end a line with a backslash (joining the next line into the comment) or hold
    a trigraph: refuse it rather than mangle it."""
    if "??" in text or any(ord(c) < 0x20 for c in text):
        raise SystemExit(f"{GENERATOR}: documentation with a trigraph or a control character: {text!r}")
    prefix = " " * indent + "/// "
    lines, line = [], ""
    for word in text.split():
        if line and len(prefix) + len(line) + 1 + len(word) > LINE_WIDTH:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    if any(line.endswith("\\") for line in lines):
        raise SystemExit(f"{GENERATOR}: a comment line would end in a backslash: {text!r}")
    return [prefix + line for line in lines]


def strip_notes(overlay_part):
    """The overlay explains itself in "//" and "why" keys; they are not model content."""
    if isinstance(overlay_part, dict):
        return {k: strip_notes(v) for k, v in overlay_part.items() if k not in ("//", "why")}
    return overlay_part


class Model:
    """A service model with the overlay merged in, and the questions the generator asks of it."""

    def __init__(self, shapes, operations, local_shapes, secret_member_names=(), metadata=None):
        self.shapes = shapes
        self.metadata = metadata or {}
        self.operations = operations
        self.local_shapes = local_shapes  # structure shapes this namespace defines
        self.secret_member_names = set(secret_member_names)  # overlay.json's secret_members: what the model forgets
        self.input_of = {op["input"]["shape"]: name for name, op in operations.items() if "input" in op}
        self.output_of = {op["output"]["shape"]: name for name, op in operations.items() if "output" in op}
        for name in local_shapes:
            unmapped = {"document", "union", "eventstream", "streaming"} & set(shapes[name])
            if unmapped:
                raise SystemExit(f"{GENERATOR}: structure {name} is a {', '.join(sorted(unmapped))} shape, "
                                 "which awsauth does not map yet")

    def structures(self):
        """Structure shapes, each after the shapes it holds (C++ needs complete member types)."""
        ordered, seen = [], set()

        def visit(name):
            if name in seen or name not in self.local_shapes:
                return
            seen.add(name)
            for member in self.shapes[name]["members"].values():
                for dependency in self.referenced_structures(member["shape"]):
                    visit(dependency)
            ordered.append(name)

        for name in self.local_shapes:
            visit(name)
        return ordered

    def referenced_structures(self, shape_name):
        shape = self.shapes[shape_name]
        if shape["type"] == "structure":
            return [shape_name]
        if shape["type"] == "list":
            return self.referenced_structures(shape["member"]["shape"])
        return []

    def is_secret_member(self, structure_name, key, member):
        """A member whose value must never be shown: the model marks it, its shape or its structure `sensitive`, or
        overlay.json lists its name (the session tokens, as secret as the key they come with)."""
        return (member.get("sensitive", False) or self.shapes[member["shape"]].get("sensitive", False)
                or self.shapes[structure_name].get("sensitive", False) or key in self.secret_member_names)

    def cpp_type(self, shape_name):
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if kind == "string":
            return "std::string"
        if kind == "integer":
            return "std::int32_t"
        if kind == "long":
            return "std::int64_t"
        if kind == "timestamp":
            return "awsauth::timestamp"
        if kind == "list":
            return f"std::vector<{self.cpp_type(shape['member']['shape'])}>"
        if kind == "map":
            key, value = (self.cpp_type(shape[part]["shape"]) for part in ("key", "value"))
            if (key, value) != ("std::string", "std::string"):
                raise SystemExit(f"{GENERATOR}: map shape {shape_name} is not string to string")
            return "std::map<std::string, std::string>"
        if kind == "structure":
            return shape_name if shape_name in self.local_shapes else f"awsauth::{shape_name}"
        raise SystemExit(f"{GENERATOR}: shape {shape_name} has type {kind}, which awsauth does not map yet")

    def struct_doc(self, name):
        doc = first_sentence(self.shapes[name].get("documentation"))
        if doc:
            return doc
        if name in self.input_of:
            return f"The input of {self.input_of[name]}."
        if name in self.output_of:
            return f"The output of {self.output_of[name]}."
        raise SystemExit(f"{GENERATOR}: shape {name} has no documentation to take")

    def member_doc(self, structure_name, member):
        doc = first_sentence(member.get("documentation")) or first_sentence(
            self.shapes[member["shape"]].get("documentation")
        )
        if doc:
            return doc
        if self.shapes[structure_name].get("exception"):
            return "The error message AWS sent."
        raise SystemExit(f"{GENERATOR}: {structure_name} has an undocumented member")


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def merge_overlay(model, overlay_service, model_file):
    """Appends the overlay's members; one the model already has means the overlay is stale, so stop."""
    for shape_name, addition in overlay_service.get("shapes", {}).items():
        members = model["shapes"][shape_name]["members"]
        for key, member in addition["members"].items():
            if key in members:
                raise SystemExit(f"{GENERATOR}: {model_file} now has {shape_name}.{key}: remove it from the overlay")
            members[key] = member


def load_models():
    overlay = strip_notes(read_json(MODELS / "overlay.json"))
    common_shapes = overlay["awsauth"]["shapes"]
    secret_member_names = overlay["awsauth"]["secret_members"]["names"]
    botocore_version = (MODELS / "botocore-version.txt").read_text(encoding="utf-8").strip()
    models = []
    for service in SERVICES:
        model = read_json(MODELS / service.model_file)
        merge_overlay(model, overlay["services"].get(service.model_name, {}), service.model_file)
        shapes = dict(model["shapes"])
        local = [name for name, shape in model["shapes"].items() if shape["type"] == "structure"]
        if "ResponseMetadata" in shapes:
            raise SystemExit(f"{GENERATOR}: {service.model_file} has its own ResponseMetadata shape")
        # Every output gains boto3's ResponseMetadata; its shape lives in namespace awsauth.
        shapes["ResponseMetadata"] = common_shapes["ResponseMetadata"]
        for name, operation in model["operations"].items():
            if "input" not in operation:
                raise SystemExit(f"{GENERATOR}: operation {name} lacks an input shape")
            if "output" not in operation:
                # SSO's Logout answers with no body; boto3 still returns ResponseMetadata (the stubs'
                # EmptyResponseMetadataTypeDef), so the output gets a shape of its own to hold it.
                synthesized = f"{name}Response"
                if synthesized in shapes:
                    raise SystemExit(f"{GENERATOR}: {name} has no output and {synthesized} is taken")
                shapes[synthesized] = {"type": "structure", "members": {}, "documentation":
                                       f"<p>The output of {name}: AWS answers without a body.</p>"}
                local.append(synthesized)
                operation["output"] = {"shape": synthesized}
            output_members = shapes[operation["output"]["shape"]]["members"]
            if "ResponseMetadata" in output_members:
                raise SystemExit(f"{GENERATOR}: {name}'s output already has a ResponseMetadata member")
            output_members["ResponseMetadata"] = overlay["awsauth"]["output_member"]
        loaded = Model(shapes, model["operations"], local, secret_member_names, model["metadata"])
        loaded.credential_tables = credential_tables(overlay["credentials"], service.namespace, loaded)
        models.append((service, loaded))
    common = Model(common_shapes, {}, [n for n, s in common_shapes.items() if s["type"] == "structure"],
                   secret_member_names)
    sources = load_sources(overlay, secret_member_names)
    for namespace, _, model in sources:
        model.credential_tables = credential_tables(overlay["credentials"], namespace, model)
    check_credential_tables(overlay["credentials"], [service.namespace for service, _ in models] +
                            [namespace for namespace, _, _ in sources])
    check_secret_member_names(secret_member_names,
                              [model for _, model in models] + [common] + [model for _, _, model in sources])
    return botocore_version, models, common, sources


def check_secret_member_names(names, models):
    """A listed name no structure has is a typo or a renamed member: either way a secret that would print."""
    present = {key for model in models for name in model.local_shapes for key in model.shapes[name]["members"]}
    for name in names:
        if name not in present:
            raise SystemExit(f"{GENERATOR}: overlay.json's secret_members names {name}, which no structure has")


def emit_structure(model, name, rules=None, prefix="test"):
    """The struct, its descriptors (one per member: key, member pointer, secret flag, constraint) and comparisons.
    `rules` (a ConstraintWriter) turns each member's shape into its constraint and collects the patterns."""
    rules = rules or ConstraintWriter(read_unicode_categories())
    shape = model.shapes[name]
    rules.check_traits(shape, SHAPE_TRAITS, f"shape {name}")
    required = set(shape.get("required", []))
    lines = wrap_comment(model.struct_doc(name), 0)
    body = []
    cpp_names = set()
    if shape.get("exception"):
        error = shape.get("error", {})
        body += wrap_comment("The error code AWS sends for this error.", 4)
        body.append(f'    static constexpr std::string_view error_code = "{checked_literal(error.get("code", name))}";')
        body += wrap_comment("The HTTP status code AWS sends with this error.", 4)
        body.append(f"    static constexpr int http_status_code = {int(error['httpStatusCode'])};")
        cpp_names |= {"error_code", "http_status_code"}
    table = []
    for key, member in shape["members"].items():
        cpp_name = snake_case(checked_literal(key))
        if cpp_name in cpp_names:
            raise SystemExit(f"{GENERATOR}: two members of {name} would both be named {cpp_name}")
        cpp_names.add(cpp_name)
        cpp_type = model.cpp_type(member["shape"])
        if key not in required:
            cpp_type = f"std::optional<{cpp_type}>"
        body += wrap_comment(model.member_doc(name, member), 4)
        body.append(f"    {cpp_type} {cpp_name}{{}};")
        rules.check_traits(member, MEMBER_TRAITS, f"{name}.{key}")
        secret = ", visibility::secret" if model.is_secret_member(name, key, member) else ""
        rule = rules.rule(model, prefix, member["shape"], f"{name}.{key}")
        rule = f", {rule}" if rule else ""
        binding = http_binding(name, key, member)
        table.append(f'field{{"{key}", &{name}::{cpp_name}{secret}{binding}{rule}}}')
    lines += [f"struct {name} {{", *body, "};"] if body else [f"struct {name} {{}};"]
    lines.append("")
    # Templates, so that a translation unit pays for a struct's table and comparison only if it uses them.
    lines.append(DEFERRED)
    lines.append(f"constexpr auto fields_of(type_tag<{name}>) noexcept {{")
    if table:
        lines.append("    return field_list{")
        for index, entry in enumerate(table):
            entry += "};" if index == len(table) - 1 else ","
            if len(entry) + 8 > LINE_WIDTH and ", " in entry:
                # The rule on a line of its own, as clang-format would break it.
                first, second = split_descriptor(entry)
                lines += [f"        {first}", f"              {second}"]
            else:
                lines.append(f"        {entry}")
    else:
        lines.append("    return field_list{};")
    lines.append("}")
    if shape.get("sensitive"):
        lines += wrap_comment("The model marks the whole shape sensitive: a value of it is never shown.", 0)
        lines.append(f"constexpr bool is_secret_shape(type_tag<{name}>) noexcept {{ return true; }}")
    lines.append("")
    return lines


# botocore's member `location` and awsauth/fields.hpp's binding for it.
HTTP_BINDINGS = {"uri": "in_uri", "querystring": "in_query", "header": "in_header"}


def http_binding(structure_name, key, member):
    """`, in_uri("clusterName")` for a member the model binds to a part of the request other than the body."""
    location = member.get("location")
    name = member.get("locationName", key)
    if location is None:
        if name != key:
            raise SystemExit(f"{GENERATOR}: {structure_name}.{key} is renamed on the wire to {name!r}, which awsauth "
                             "does not map yet")
        return ""
    if location not in HTTP_BINDINGS:
        raise SystemExit(f"{GENERATOR}: {structure_name}.{key} travels in the {location}, which awsauth does not "
                         "map yet")
    return f', {HTTP_BINDINGS[location]}("{checked_literal(name)}")'


def split_descriptor(entry):
    """`field{"K", &S::k, rule},` as two lines: up to the member pointer, then the rest."""
    cut = entry.index(", ", entry.index("&")) + 1
    return entry[:cut], entry[cut + 1:]


def prelude(own_headers):
    """The generated headers are the model tier: they include awsauth's core headers and other model headers, never
    a codec or a JSON library (tools/check_tiers.py enforces it)."""
    # The generator lays out its tables one member per line; a blanket clang-format run must not repack them.
    lines = ["// clang-format off", "#pragma once", ""]
    headers = sorted(["constraints.hpp", "fields.hpp", "member_types.hpp", "service.hpp", "version.hpp"] + own_headers)
    lines += [f"#include <awsauth/{header}>" for header in headers]
    lines.append("")
    for header in ("cstdint", "map", "optional", "string", "string_view", "vector"):
        lines.append(f"#include <{header}>")
    return lines + [""]

ADAPTERS = [
    "// Member-wise comparison (awsauth/fields.hpp) and the redacted line of awsauth/print.hpp for `stream << value`:",
    "// these make ADL find the operators.",
    "using awsauth::operator==;",
    "using awsauth::operator!=;",
    "using awsauth::operator<<;",
    "",
]


def render_service(service, model, botocore_version, rules):
    lines = [
        f"// awsauth/model/{service.header}: every structure shape of the AWS {service.model_name} model "
        f"({service.api_version}) as a plain struct.",
        f"// Generated by {GENERATOR} from tools/models/{service.model_file} (botocore {botocore_version})",
        "// and tools/models/overlay.json.",
        f"// Do not edit: change the generator or the overlay and run `python3 {GENERATOR}`.",
    ] + prelude(["credentials.hpp", f"model/{PATTERNS_HEADER}", f"model/{RESPONSE_METADATA_HEADER}"])
    lines.append("AWSAUTH_BEGIN_NAMESPACE")
    lines.append(f"namespace {service.namespace} {{")
    lines.append("")
    lines += ADAPTERS
    for name in model.structures():
        lines += emit_structure(model, name, rules, service.namespace)
    lines += emit_credential_tables(model)
    lines += emit_operations(service, model)
    lines += wrap_comment(f"The names the Python stubs ({service.stub_package}) give these shapes, for boto3 readers.", 0)
    lines.append("namespace type_defs {")
    for name in sorted(model.local_shapes):
        shape = model.shapes[name]
        if shape.get("exception"):
            continue
        lines.append(f"using {name}TypeDef = {name};")
        if name in model.input_of:
            lines.append(f"using {name}RequestTypeDef = {name};")
    lines.append("using ResponseMetadataTypeDef = awsauth::ResponseMetadata;")
    lines.append("}  // namespace type_defs")
    lines.append("")
    lines += emit_registries(model)
    lines.append(f"}}  // namespace {service.namespace}")
    lines.append("AWSAUTH_END_NAMESPACE")
    return "\n".join(lines) + "\n"


def emit_operations(service, model):
    """The service and each operation as the wire codec sees them (awsauth/service.hpp): service_of for every shape
    that travels alone (inputs, outputs, errors), operation_of for every input and output."""
    metadata = model.metadata
    protocol = {"query": "protocol::query", "rest-json": "protocol::rest_json"}.get(metadata["protocol"])
    if protocol is None:
        raise SystemExit(f"{GENERATOR}: {service.model_file} speaks {metadata['protocol']}, which awsauth does not "
                         "map yet")
    lines = wrap_comment(f"The {metadata.get('serviceId', service.model_name)} service on the wire.", 0)
    lines += braced_list("inline constexpr service_description service{",
                         [f'"{checked_literal(service.model_name)}"', protocol,
                          f'"{checked_literal(metadata["apiVersion"])}"', f'"{metadata.get("xmlNamespace", "")}"'], "};")
    lines.append("")
    seen = {}
    for name in sorted(model.operations):
        operation = model.operations[name]
        http = operation["http"]
        if not re.fullmatch(r"/[A-Za-z0-9/{}_.+-]*", http["requestUri"]):
            raise SystemExit(f"{GENERATOR}: {name}'s request URI {http['requestUri']!r} is not one awsauth maps")
        wrapper = operation["output"].get("resultWrapper", "")
        status = int(http.get("responseCode", 200))
        for part in ("input", "output"):
            shape = operation[part]["shape"]
            if shape in seen:
                raise SystemExit(f"{GENERATOR}: {shape} belongs to {seen[shape]} and {name}; awsauth maps a shape "
                                 "to one operation")
            seen[shape] = name
            lines += [DEFERRED, f"constexpr operation_description operation_of(type_tag<{shape}>) noexcept {{"]
            lines += braced_list("    return {", ["&service", f'"{checked_literal(name)}"',
                                                  f'"{checked_literal(http["method"])}"', f'"{http["requestUri"]}"',
                                                  str(status), f'"{wrapper}"'], "};")
            lines.append("}")
    for name in sorted(set(seen) | {n for n in model.local_shapes if model.shapes[n].get("exception")}):
        lines += [DEFERRED, f"constexpr const service_description& service_of(type_tag<{name}>) noexcept {{",
                  "    return service;", "}"]
    lines.append("")
    lines += wrap_comment("Calls visit(code, type_tag<Error>{}) for every error shape of the model, by the code AWS "
                          "sends.", 0)
    lines += ["template <class Visitor>", "constexpr void for_each_error(Visitor&& visit) {"]
    for name in sorted(model.local_shapes):
        if model.shapes[name].get("exception"):
            lines.append(visit_call([f"{name}::error_code", f"type_tag<{name}>{{}}"]))
    lines += ["}", ""]
    return lines


def braced_list(opening, items, closing):
    """`opening a, b, c closing`, continued under the first item where a line would be too long (clang-format's
    layout)."""
    lines = [opening + items[0]]
    for item in items[1:]:
        if len(lines[-1]) + len(", ") + len(item) + len(closing) > LINE_WIDTH:
            lines[-1] += ","
            lines.append(" " * len(opening) + item)
        else:
            lines[-1] += ", " + item
    lines[-1] += closing
    return lines


def visit_call(arguments):
    """`    visit(a, b);`, continued on further lines where one would be too long, as clang-format would."""
    lines = ["    visit(" + arguments[0]]
    for argument in arguments[1:]:
        if len(lines[-1]) + len(", ") + len(argument) + len(");") > LINE_WIDTH:
            lines[-1] += ","
            lines.append(" " * CONTINUATION_INDENT + argument)
        else:
            lines[-1] += ", " + argument
    return "\n".join(lines) + ");"


def emit_registries(model):
    """Name-to-type tables, for code that dispatches on a shape or operation name (test doubles, proxies)."""
    lines = wrap_comment("Calls visit(name, type_tag<T>{}) for every structure shape of the model, by name.", 0)
    lines += ["template <class Visitor>", "constexpr void for_each_shape(Visitor&& visit) {"]
    for name in sorted(model.local_shapes):
        lines.append(visit_call([f'std::string_view("{name}")', f"type_tag<{name}>{{}}"]))
    lines += ["}", ""]
    lines += wrap_comment(
        "Calls visit(name, type_tag<Input>{}, type_tag<Output>{}) for every operation of the model, by name.", 0
    )
    lines += ["template <class Visitor>", "constexpr void for_each_operation(Visitor&& visit) {"]
    for name in sorted(model.operations):
        operation = model.operations[name]
        input_shape, output_shape = operation["input"]["shape"], operation["output"]["shape"]
        arguments = [f'std::string_view("{name}")', f"type_tag<{input_shape}>{{}}", f"type_tag<{output_shape}>{{}}"]
        lines.append(visit_call(arguments))
    lines += ["}", ""]
    return lines


# The parts of awsauth::credentials (include/awsauth/credentials.hpp) a holder may name, in the order of its
# credential_parts builder; the first two are the constructor's.
CREDENTIAL_PARTS = ("access_key_id", "secret_access_key", "session_token", "expiration",
                    "expiration_in_epoch_milliseconds", "account_id", "success_code")


def credential_tables(overlay_credentials, namespace, model):
    """What credentials_in says for this namespace: {holder shape: {part: member key}} and {carrier shape: (holder
    member key, ARN path)}; a carrier is any structure with a member of a holder's shape."""
    holders = {}
    for qualified, parts in overlay_credentials["holders"].items():
        owner, shape_name = qualified.split(":")
        if owner != namespace:
            continue
        members = model.shapes[shape_name]["members"]
        for part, key in parts.items():
            if part not in CREDENTIAL_PARTS or key not in members:
                raise SystemExit(f"{GENERATOR}: overlay.json's credentials name {part}: {key} in {qualified}, which "
                                 "is not a part awsauth knows or not a member of the shape")
        if not {"access_key_id", "secret_access_key"} <= set(parts):
            raise SystemExit(f"{GENERATOR}: {qualified} in overlay.json's credentials lacks the two keys")
        holders[shape_name] = parts
    arns = {qualified.split(":")[1]: path for qualified, path in overlay_credentials["account_from_arn"].items()
            if qualified.split(":")[0] == namespace}
    carriers = {}
    for name in model.local_shapes:
        held = [key for key, member in model.shapes[name]["members"].items() if member["shape"] in holders]
        if len(held) > 1:
            raise SystemExit(f"{GENERATOR}: {name} holds credentials twice; credentials_of would have to choose")
        if held:
            carriers[name] = (held[0], arn_members(model, name, arns.pop(name, None)))
    for name in arns:
        raise SystemExit(f"{GENERATOR}: overlay.json's account_from_arn names {name}, which carries no credentials")
    return holders, carriers


def arn_members(model, carrier, path):
    """`.account_from_arn(...)`'s member pointers for "Outer" or "Outer.Inner", or None."""
    if path is None:
        return None
    pointers, owner = [], carrier
    for key in path.split("."):
        members = model.shapes[owner]["members"]
        if key not in members:
            raise SystemExit(f"{GENERATOR}: account_from_arn's {path} is not a member path of {carrier}")
        pointers.append(f"&{owner}::{snake_case(key)}")
        owner = members[key]["shape"]
    if model.shapes[owner]["type"] != "string":
        raise SystemExit(f"{GENERATOR}: account_from_arn's {path} in {carrier} is not a string")
    return pointers


def check_credential_tables(overlay_credentials, namespaces):
    for qualified in list(overlay_credentials["holders"]) + list(overlay_credentials["account_from_arn"]):
        if qualified.split(":")[0] not in namespaces:
            raise SystemExit(f"{GENERATOR}: overlay.json's credentials name {qualified}, in no namespace awsauth "
                             "generates")


def emit_credential_tables(model):
    """credentials_in for every holder and carrier: awsauth::credentials_of reads these tables."""
    holders, carriers = model.credential_tables
    lines = []
    for name in sorted(holders):
        parts = holders[name]
        pointer = {part: f"&{name}::{snake_case(key)}" for part, key in parts.items()}
        lines += wrap_comment(f"Where awsauth::credentials_of finds each part of the credentials in {name}.", 0)
        lines += [DEFERRED, f"constexpr auto credentials_in(type_tag<{name}>) noexcept {{",
                  f"    return credential_parts{{{pointer['access_key_id']}, {pointer['secret_access_key']}}}"]
        for part in CREDENTIAL_PARTS[2:]:
            if part in pointer:
                lines.append(f"        .{part}({pointer[part]})")
        lines[-1] += ";"
        lines += ["}", ""]
    for name in sorted(carriers):
        key, arn = carriers[name]
        where = ", and the ARN its account ID comes from" if arn else " (it names no account)"
        lines += wrap_comment(f"The member of {name} that holds its credentials{where}.", 0)
        lines += [DEFERRED, f"constexpr auto credentials_in(type_tag<{name}>) noexcept {{",
                  f"    return nested_credentials{{&{name}::{snake_case(key)}}}"]
        if arn:
            lines.append(f"        .account_from_arn({', '.join(arn)})")
        lines[-1] += ";"
        lines += ["}", ""]
    return lines


def load_sources(overlay, secret_member_names):
    """overlay.json's "sources": one namespace each, its structures and the shared leaf shapes."""
    sources = overlay["sources"]
    leaves = sources["shapes"]
    loaded = []
    for namespace, source in sources.items():
        if namespace == "shapes":
            continue
        if not source.get("source", "").startswith("https://"):
            raise SystemExit(f"{GENERATOR}: overlay source {namespace} does not name where its format is defined")
        shapes = {**leaves, **source["shapes"]}
        local = [name for name, shape in source["shapes"].items() if shape["type"] == "structure"]
        loaded.append((namespace, source["source"], Model(shapes, {}, local, secret_member_names)))
    return loaded


def render_sources(sources, rules):
    lines = [
        f"// awsauth/model/{SOURCES_HEADER}: the credentials documents that no AWS model holds (container, IMDS,",
        "// credential_process), one namespace each.",
        f"// Generated by {GENERATOR} from tools/models/overlay.json's \"sources\", which names where AWS defines each.",
        f"// Do not edit: change the generator or the overlay and run `python3 {GENERATOR}`.",
    ] + prelude(["credentials.hpp", f"model/{PATTERNS_HEADER}"])
    lines.append("AWSAUTH_BEGIN_NAMESPACE")
    for namespace, source, model in sources:
        lines.append("")
        lines += wrap_comment(f"Defined by {source}", 0)
        lines.append(f"namespace {namespace} {{")
        lines.append("")
        lines += ADAPTERS
        for name in model.structures():
            lines += emit_structure(model, name, rules, namespace)
        lines += emit_credential_tables(model)
        lines.append(f"}}  // namespace {namespace}")
    lines.append("AWSAUTH_END_NAMESPACE")
    return "\n".join(lines) + "\n"


def render_common(common, rules):
    lines = [
        f"// awsauth/model/{RESPONSE_METADATA_HEADER}: the ResponseMetadata that boto3 adds to every response.",
        f"// Generated by {GENERATOR} from tools/models/overlay.json (no AWS model holds this shape).",
        f"// Do not edit: change the generator or the overlay and run `python3 {GENERATOR}`.",
    ] + prelude([])
    lines.append("AWSAUTH_BEGIN_NAMESPACE")
    lines.append("")
    for name in common.structures():
        lines += emit_structure(common, name, rules, "common")
    lines.append("AWSAUTH_END_NAMESPACE")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------------------
# Validation: every constraint of the models (length, range, size, pattern) goes into its member's descriptor,
# written with the named factories of include/awsauth/constraints.hpp; include/awsauth/validate.hpp checks them. A
# pattern becomes a sequence of character-class runs matched greedily (awsauth uses no regex engine), written to
# include/awsauth/model/patterns.hpp; anything the generator cannot turn into that form, or a trait it does not
# know, stops it: no constraint is skipped silently.

PATTERNS_HEADER = "patterns.hpp"
UNICODE_CATEGORIES = MODELS / "unicode-categories.json"
VENDORED_CATEGORIES = ("L", "N", "Z")  # the \p{..} classes the models use; --vendor-unicode writes them

# Shape and member traits the generator knows. Anything else might be a constraint (enum, a new length trait), so it
# is refused until someone decides what it means.
# "box" (a primitive that may be absent rather than zero) says what std::optional already says for every member
# the model does not require.
SHAPE_TRAITS = {"type", "documentation", "member", "key", "value", "members", "required", "exception", "error",
                "fault", "sensitive", "min", "max", "pattern", "box"}
MEMBER_TRAITS = {"shape", "documentation", "location", "locationName", "sensitive"}
CONSTRAINT_TRAITS = {"min", "max", "pattern"}

INT32_MIN, INT32_MAX = -(2 ** 31), 2 ** 31 - 1
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1
ASCII_WORD = ((ord("0"), ord("9")), (ord("A"), ord("Z")), (ord("_"), ord("_")), (ord("a"), ord("z")))
ASCII_DIGIT = ((ord("0"), ord("9")),)
MAX_CODE_POINT = 0x10FFFF
UNBOUNDED = None


def merge_ranges(ranges):
    """Sorted, disjoint, non-adjacent (first, last) code point ranges."""
    merged = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return tuple(merged)


def ranges_overlap(a, b):
    return any(first <= other_last and other_first <= last for first, last in a for other_first, other_last in b)


class PatternRefused(Exception):
    pass


class PatternReader:
    """Turns a model pattern into runs (code point ranges, min count, max count or None).

    The accepted language is what AWS's patterns use: bracket classes of literals, ranges, \\w and \\d (ASCII, as in
    Java's default mode), \\p{L} \\p{N} \\p{Z}, \\uXXXX escapes and escaped punctuation; escaped punctuation outside a
    class; each atom optionally followed by * or +. The whole string must match (AWS checks them as full matches).
    """

    METACHARACTERS = set(".^$|()[]{}*+?\\")

    def __init__(self, source, categories):
        self.source = source
        self.categories = categories
        self.at = 0

    def refuse(self, reason):
        raise PatternRefused(f"{reason} at offset {self.at}")

    def peek(self, ahead=0):
        index = self.at + ahead
        return self.source[index] if index < len(self.source) else None

    def take(self):
        char = self.peek()
        if char is None:
            self.refuse("unexpected end")
        self.at += 1
        return char

    def runs(self):
        runs = []
        while self.peek() is not None:
            ranges = self.atom()
            quantifier = self.peek()
            if quantifier == "*":
                self.at += 1
                runs.append((ranges, 0, UNBOUNDED))
            elif quantifier == "+":
                self.at += 1
                runs.append((ranges, 1, UNBOUNDED))
            else:
                runs.append((ranges, 1, 1))
        if not runs:
            raise PatternRefused("an empty pattern")
        self.check_greedy_is_exact(runs)
        return runs

    def atom(self):
        char = self.take()
        if char == "[":
            return self.bracket_class()
        if char == "\\":
            escaped = self.take()
            if escaped.isalnum():
                self.at -= 1
                self.refuse(f"the escape \\{escaped} outside a class")
            return ((ord(escaped), ord(escaped)),)
        if char in self.METACHARACTERS:
            self.at -= 1
            self.refuse(f"the metacharacter {char!r} (groups, alternation, anchors, wildcards, ? and {{}} are "
                        "not one of awsauth's matcher shapes)")
        return ((ord(char), ord(char)),)

    def bracket_class(self):
        if self.peek() == "^":
            self.refuse("a negated class")
        ranges = []
        while True:
            char = self.peek()
            if char is None:
                self.refuse("an unclosed class")
            if char == "]":
                self.at += 1
                break
            item = self.class_item()
            if isinstance(item, int) and self.peek() == "-" and self.peek(1) not in ("]", None):
                self.at += 1
                last = self.class_item()
                if not isinstance(last, int):
                    self.refuse("a range ending in a class escape")
                if last < item:
                    self.refuse("a reversed range")
                ranges.append((item, last))
            elif isinstance(item, int):
                ranges.append((item, item))
            else:
                if self.peek() == "-" and self.peek(1) not in ("]", None):
                    self.refuse("a range starting at a class escape")
                ranges.extend(item)
        if not ranges:
            self.refuse("an empty class")
        return merge_ranges(ranges)

    def class_item(self):
        """A code point (int) or a tuple of ranges for \\w, \\d, \\p{..}."""
        char = self.take()
        if char == "[":
            self.at -= 1
            self.refuse("a nested class or a literal '[' in a class")
        if char != "\\":
            return ord(char)
        escaped = self.take()
        if escaped == "w":
            return ASCII_WORD
        if escaped == "d":
            return ASCII_DIGIT
        if escaped == "p":
            return self.category()
        if escaped == "u":
            return self.unicode_escape()
        if escaped.isalnum():
            self.at -= 1
            self.refuse(f"the escape \\{escaped}")
        return ord(escaped)

    def category(self):
        if self.take() != "{":
            self.refuse("\\p without {")
        end = self.source.find("}", self.at)
        if end < 0:
            self.refuse("\\p{ without }")
        name = self.source[self.at:end]
        if name not in self.categories:
            self.refuse(f"the Unicode category \\p{{{name}}}, which tools/models/unicode-categories.json lacks")
        self.at = end + 1
        return tuple(self.categories[name])

    def unicode_escape(self):
        digits = ""
        while len(digits) < 6 and self.peek() is not None and self.peek() in "0123456789abcdefABCDEF":
            digits += self.take()
        if len(digits) < 4:
            self.refuse("a \\u escape with fewer than four hex digits")
        value = int(digits, 16)
        # Java reads exactly four digits, so `\u10000` would be U+1000 then '0'. AWS's documentation writes the
        # supplementary planes as `\u10000-\u10FFFF` and means U+10000..U+10FFFF; anything else that long is ambiguous.
        if len(digits) > 4 and not 0x10000 <= value <= MAX_CODE_POINT:
            self.refuse(f"the ambiguous escape \\u{digits}")
        return value

    def check_greedy_is_exact(self, runs):
        """Greedy matching without backtracking is exact when no repeated run shares a code point with a run that may
        come right after it."""
        for index, (ranges, _, maximum) in enumerate(runs):
            if maximum is not UNBOUNDED:
                continue
            for following, minimum, _ in runs[index + 1:]:
                if ranges_overlap(ranges, following):
                    raise PatternRefused(f"run {index + 1} can take what a later run needs (matching it would "
                                         "need backtracking)")
                if minimum > 0:
                    break


def read_unicode_categories():
    table = read_json(UNICODE_CATEGORIES)
    return {name: [tuple(r) for r in ranges] for name, ranges in table["categories"].items()}


def pattern_literal(source):
    """The pattern as a C++ string literal: raw where it has backslashes, so it reads as the model writes it."""
    if "\\" in source and ')"' not in source:
        return f'R"({source})"'
    return '"' + source.replace("\\", "\\\\").replace('"', '\\"') + '"'


def pattern_runs(source, categories, where):
    try:
        return PatternReader(source, categories).runs()
    except PatternRefused as refusal:
        raise SystemExit(f"{GENERATOR}: {where} has the pattern {source!r}, which is not one of awsauth's matcher "
                         f"shapes ({refusal}); extend the generator and include/awsauth/constraints.hpp")


# constraints.hpp's factories for (both bounds, a minimum only, a maximum only).
LENGTH = ("length", "length_at_least", "length_at_most")
RANGE = ("range", "at_least", "at_most")
ITEMS = ("items", "items_at_least", "items_at_most")


def bounded(factories, minimum, maximum):
    """`length(2, 64)`, `at_least(0)`, `items_at_most(50)`, or "" without bounds."""
    both, at_least, at_most = factories
    if minimum is None and maximum is None:
        return ""
    if maximum is None:
        return f"{at_least}({minimum})"
    if minimum is None:
        return f"{at_most}({maximum})"
    return f"{both}({minimum}, {maximum})"


def bounds(shape, where, lowest, highest):
    """The shape's (min, max), each None where the model gives none; refuses what awsauth cannot check."""
    minimum = bound(shape, "min", where, lowest, highest)
    maximum = bound(shape, "max", where, lowest, highest)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise SystemExit(f"{GENERATOR}: {where} has min {minimum} above max {maximum}")
    return minimum, maximum


def bound(shape, trait, where, lowest, highest):
    value = shape.get(trait)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not lowest <= value <= highest:
        raise SystemExit(f"{GENERATOR}: {where} has {trait} {value!r}, out of what awsauth can check")
    return value


class ConstraintWriter:
    """The rule expressions of every struct member, and the pattern tables they point to."""

    def __init__(self, categories):
        self.categories = categories
        self.patterns = {}  # source -> C++ name, in order of first use
        self.classes = {}  # ranges -> C++ name
        self.pattern_lines = []

    def check_traits(self, traits, known, where):
        unknown = sorted(set(traits) - known)
        if unknown:
            raise SystemExit(f"{GENERATOR}: {where} has {', '.join(unknown)}, which awsauth's validation does not "
                             "know; decide what it means in tools/generate.py")

    def rule(self, model, prefix, shape_name, where):
        """The C++ expression of the rule for a value of shape `shape_name`, or "" where the model sets none."""
        shape = model.shapes[shape_name]
        self.check_traits(shape, SHAPE_TRAITS, f"shape {shape_name}")
        kind = shape["type"]
        if kind == "string":
            rule = bounded(LENGTH, *bounds(shape, where, 0, 2 ** 32))
            source = shape.get("pattern")
            if source is not None:
                name = "model_patterns::" + self.pattern(prefix, shape_name, source, where)
                rule = f"{rule}.matching({name})" if rule else f"matching({name})"
            return rule
        if kind in ("integer", "long"):
            if "pattern" in shape:
                raise SystemExit(f"{GENERATOR}: {where} is an {kind} with a pattern")
            lowest, highest = (INT32_MIN, INT32_MAX) if kind == "integer" else (INT64_MIN, INT64_MAX)
            return bounded(RANGE, *bounds(shape, where, lowest, highest))
        if kind == "list":
            if "pattern" in shape:
                raise SystemExit(f"{GENERATOR}: {where} is a list with a pattern")
            self.check_traits(shape["member"], MEMBER_TRAITS, f"the member of {shape_name}")
            element = self.rule(model, prefix, shape["member"]["shape"], f"{where}[]")
            rule = bounded(ITEMS, *bounds(shape, where, 0, 2 ** 32))
            if element:
                rule = f"{rule}.each({element})" if rule else f"each({element})"
            return rule
        if kind == "map":
            if CONSTRAINT_TRAITS & set(shape):
                raise SystemExit(f"{GENERATOR}: {where} is a map with a size or pattern constraint, which awsauth "
                                 "does not check yet")
            for part in ("key", "value"):
                self.check_traits(shape[part], MEMBER_TRAITS, f"the {part} of {shape_name}")
            key = self.rule(model, prefix, shape["key"]["shape"], f"{where}{{key}}")
            value = self.rule(model, prefix, shape["value"]["shape"], f"{where}{{}}")
            if not key and not value:
                return ""
            return f"entries({key or 'no_rule{}'}, {value or 'no_rule{}'})"
        if CONSTRAINT_TRAITS & set(shape):
            raise SystemExit(f"{GENERATOR}: {where} is a {kind} with a constraint, which awsauth does not check")
        return ""

    def pattern(self, prefix, shape_name, source, where):
        if source in self.patterns:
            return self.patterns[source]
        if not all(0x20 < ord(c) < 0x7F for c in source) or "??" in source:
            raise SystemExit(f"{GENERATOR}: {where} has a pattern with a character awsauth does not put in C++")
        runs = pattern_runs(source, self.categories, where)
        name = f"{prefix}_{snake_case(checked_literal(shape_name))}"
        self.patterns[source] = name
        lines = self.pattern_lines
        run_entries = []
        for ranges, minimum, maximum in runs:
            class_name = self.character_class(name, ranges)
            limit = "unbounded" if maximum is UNBOUNDED else str(maximum)
            run_entries.append(f"{{{{{class_name}, {len(ranges)}}}, {minimum}, {limit}}}")
        lines.append(f"inline constexpr pattern_run {name}_runs[] = {{")
        lines += [f"    {entry}," for entry in run_entries]
        lines.append("};")
        lines.append(f"inline constexpr pattern {name}{{{pattern_literal(source)}, {name}_runs, {len(runs)}}};")
        lines.append("")
        return name

    def character_class(self, pattern_name, ranges):
        if ranges in self.classes:
            return self.classes[ranges]
        taken = sum(name.startswith(f"{pattern_name}_class") for name in self.classes.values())
        name = f"{pattern_name}_class" + (f"_{taken + 1}" if taken else "")
        self.classes[ranges] = name
        entries = [f"{{0x{first:X}, 0x{last:X}}}," for first, last in ranges]
        self.pattern_lines.append(f"inline constexpr code_point_range {name}[] = {{")
        line = ""
        for entry in entries:
            if line and len("    ") + len(line) + 1 + len(entry) > LINE_WIDTH:
                self.pattern_lines.append("    " + line)
                line = entry
            else:
                line = f"{line} {entry}" if line else entry
        self.pattern_lines.append("    " + line)
        self.pattern_lines.append("};")
        return name


def render_patterns(rules):
    version = read_json(UNICODE_CATEGORIES)["unicode_version"]
    lines = [
        f"// awsauth/model/{PATTERNS_HEADER}: the patterns of the AWS models as character-class runs (see",
        "// include/awsauth/constraints.hpp), which the member descriptors of the model headers point to.",
        f"// Generated by {GENERATOR} from tools/models/",
        f"// (Unicode {version} categories from tools/models/unicode-categories.json).",
        f"// Do not edit: change the generator or the overlay and run `python3 {GENERATOR}`.",
        "// clang-format off",
        "#pragma once",
        "",
        "#include <awsauth/constraints.hpp>",
        "#include <awsauth/version.hpp>",
        "",
        "AWSAUTH_BEGIN_NAMESPACE",
        "namespace model_patterns {",
        "",
    ]
    lines += rules.pattern_lines
    lines += ["}  // namespace model_patterns", "AWSAUTH_END_NAMESPACE"]
    return "\n".join(lines) + "\n"


def vendor_unicode_categories():
    """Writes the code point ranges of the \\p{..} classes from Python's unicodedata, so that the generated header does
    not depend on which Python runs the generator."""
    import unicodedata

    ranges = {name: [] for name in VENDORED_CATEGORIES}
    for code_point in range(MAX_CODE_POINT + 1):
        major = unicodedata.category(chr(code_point))[0]
        if major in ranges:
            current = ranges[major]
            if current and current[-1][1] == code_point - 1:
                current[-1][1] = code_point
            else:
                current.append([code_point, code_point])
    table = {
        "//": "Unicode general categories (major classes) as code point ranges, written by "
              "`python3 tools/generate.py --vendor-unicode` from Python's unicodedata.",
        "unicode_version": unicodedata.unidata_version,
        "categories": ranges,
    }
    text = json.dumps(table, indent=None, separators=(",", ":"))
    UNICODE_CATEGORIES.write_text(text.replace('],[', '],\n[') + "\n", encoding="utf-8")


def vendor_models():
    import botocore  # only this mode needs botocore; generating does not

    data = Path(botocore.__file__).parent / "data"
    for service in SERVICES:
        source = data / service.model_name / service.api_version / "service-2.json.gz"
        with gzip.open(source, "rb") as compressed:
            (MODELS / service.model_file).write_bytes(compressed.read())
    (MODELS / "botocore-version.txt").write_text(botocore.__version__ + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed headers are stale")
    parser.add_argument("--vendor", action="store_true", help="copy the models from the installed botocore first")
    parser.add_argument("--vendor-unicode", action="store_true",
                        help="rewrite tools/models/unicode-categories.json from Python's unicodedata first")
    arguments = parser.parse_args()
    if arguments.vendor:
        vendor_models()
    if arguments.vendor_unicode:
        vendor_unicode_categories()
    botocore_version, models, common, sources = load_models()
    rules = ConstraintWriter(read_unicode_categories())
    outputs = {MODEL_INCLUDE / RESPONSE_METADATA_HEADER: render_common(common, rules),
               MODEL_INCLUDE / SOURCES_HEADER: render_sources(sources, rules)}
    for service, model in models:
        outputs[MODEL_INCLUDE / service.header] = render_service(service, model, botocore_version, rules)
    outputs[MODEL_INCLUDE / PATTERNS_HEADER] = render_patterns(rules)
    stale = [path for path, text in outputs.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if arguments.check:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is stale: run python3 {GENERATOR}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(outputs[path], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
