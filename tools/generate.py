#!/usr/bin/env python3
"""Generate awsauth's model headers from the AWS service models that botocore ships.

Reads tools/models/<service>-<version>.json (vendored, untouched) and tools/models/overlay.json
(documented additions), and writes one header per namespace:

    include/awsauth/response_metadata.hpp   awsauth::ResponseMetadata (boto3's, in no AWS model)
    include/awsauth/sts.hpp                  awsauth::sts::*
    include/awsauth/eks_auth.hpp             awsauth::eks_auth::*

Each header holds, per structure shape: the plain aggregate struct, its field table (JSON key and
member pointer, the one thing the hand-written generic code in include/awsauth/ needs), and
operator== / operator!=; then the Python stub names as aliases. The mapping rules themselves
(JSON reading and writing, timestamps) live in the hand-written headers, not here.

Usage:
    python3 tools/generate.py           regenerate the headers
    python3 tools/generate.py --check   exit 1 if a committed header differs from what would be generated
    python3 tools/generate.py --vendor  copy the models from the installed botocore first

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
]
RESPONSE_METADATA_HEADER = "response_metadata.hpp"

CPP_KEYWORDS = set(
    """alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t char32_t
    class compl concept const consteval constexpr constinit const_cast continue co_await co_return co_yield
    decltype default delete do double dynamic_cast else enum explicit export extern false float for friend
    goto if inline int long mutable namespace new noexcept not not_eq nullptr operator or or_eq private
    protected public register reinterpret_cast requires return short signed sizeof static static_assert
    static_cast struct switch template this thread_local throw true try typedef typeid typename union
    unsigned using virtual void volatile wchar_t while xor xor_eq""".split()
)

LINE_WIDTH = 120


def snake_case(name):
    """RoleArn -> role_arn, SAMLAssertion -> saml_assertion, eksNodeName -> eks_node_name, namespace -> namespace_."""
    words = re.findall(r"[A-Z]+\d*(?=[A-Z][a-z]|\b)|[A-Z]?[a-z]+\d*|[A-Z]+\d*|\d+", name)
    result = "_".join(word.lower() for word in words)
    if result in CPP_KEYWORDS:
        result += "_"
    return result


def first_sentence(documentation):
    """The model's HTML documentation reduced to its first plain-text sentence."""
    text = re.sub(r"<[^>]+>", " ", documentation or "")
    text = " ".join(html.unescape(text).split())
    match = re.search(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)\.(\s|$)", text)
    return text[: match.start() + 1] if match else text


def wrap_comment(text, indent):
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
    return [prefix + line for line in lines]


def deep_merge(base, addition):
    for key, value in addition.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            deep_merge(base[key], value)
        else:
            base[key] = value


def strip_notes(overlay_part):
    """The overlay explains itself in "//" and "why" keys; they are not model content."""
    if isinstance(overlay_part, dict):
        return {k: strip_notes(v) for k, v in overlay_part.items() if k not in ("//", "why")}
    return overlay_part


class Model:
    """A service model with the overlay merged in, and the questions the generator asks of it."""

    def __init__(self, shapes, operations, namespace, local_shapes):
        self.shapes = shapes
        self.operations = operations
        self.namespace = namespace
        self.local_shapes = local_shapes  # structure shapes this namespace defines
        self.outputs = {op["output"]["shape"] for op in operations.values() if "output" in op}
        self.inputs = {op["input"]["shape"] for op in operations.values() if "input" in op}

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

    def cpp_type(self, shape_name):
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if kind == "string":
            return "std::string"
        if kind == "integer":
            return "std::int32_t"
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
        for operation_name, operation in self.operations.items():
            if operation.get("input", {}).get("shape") == name:
                return f"The input of {operation_name}."
            if operation.get("output", {}).get("shape") == name:
                return f"The output of {operation_name}."
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


def load_models():
    overlay = json.loads((MODELS / "overlay.json").read_text())
    common_shapes = strip_notes(overlay["awsauth"])["shapes"]
    botocore_version = (MODELS / "botocore-version.txt").read_text().strip()
    models = []
    for service in SERVICES:
        model = json.loads((MODELS / service.model_file).read_text())
        deep_merge(model, strip_notes(overlay["services"].get(service.model_name, {})))
        shapes = dict(model["shapes"])
        local = [name for name, shape in model["shapes"].items() if shape["type"] == "structure"]
        # Every output gains boto3's ResponseMetadata; its shape lives in namespace awsauth.
        shapes["ResponseMetadata"] = common_shapes["ResponseMetadata"]
        for operation in model["operations"].values():
            if "output" in operation:
                output = shapes[operation["output"]["shape"]]
                output["members"]["ResponseMetadata"] = {
                    "shape": "ResponseMetadata",
                    "documentation": "<p>What boto3 adds to the response; absent in the AWS CLI's output and on the wire.</p>",
                }
        models.append((service, Model(shapes, model["operations"], service.namespace, local)))
    common = Model(common_shapes, {}, "", [n for n, s in common_shapes.items() if s["type"] == "structure"])
    return botocore_version, models, common


def emit_structure(model, name):
    shape = model.shapes[name]
    required = set(shape.get("required", []))
    lines = wrap_comment(model.struct_doc(name), 0)
    lines.append(f"struct {name} {{")
    if shape.get("exception"):
        error = shape.get("error", {})
        lines += wrap_comment("The error code AWS sends for this error.", 4)
        lines.append(f'    static constexpr std::string_view error_code = "{error.get("code", name)}";')
        lines += wrap_comment("The HTTP status code AWS sends with this error.", 4)
        lines.append(f"    static constexpr int http_status_code = {error['httpStatusCode']};")
    table = []
    for key, member in shape["members"].items():
        cpp_name = snake_case(key)
        cpp_type = model.cpp_type(member["shape"])
        if key not in required:
            cpp_type = f"std::optional<{cpp_type}>"
        lines += wrap_comment(model.member_doc(name, member), 4)
        lines.append(f"    {cpp_type} {cpp_name}{{}};")
        table.append(f'field{{"{key}", &{name}::{cpp_name}}}')
    lines.append("};")
    lines.append("")
    lines.append(f"constexpr auto fields_of(type_tag<{name}>) noexcept {{")
    if table:
        lines.append("    return std::make_tuple(")
        lines += [f"        {entry}," for entry in table[:-1]] + [f"        {table[-1]});"]
    else:
        lines.append("    return std::make_tuple();")
    lines.append("}")
    for operator, body in (("==", "fields_equal(a, b)"), ("!=", "!(a == b)")):
        signature = f"inline bool operator{operator}(const {name}& a, const {name}& b) {{"
        if len(signature) > LINE_WIDTH:
            signature = f"inline bool operator{operator}(const {name}& a,\n{' ' * 23}const {name}& b) {{"
        lines += [signature, f"    return {body};", "}"]
    lines.append("")
    return lines


def prelude(own_headers):
    # The generator lays out its tables one member per line; a blanket clang-format run must not repack them.
    lines = ["// clang-format off", "#pragma once", ""]
    lines += [f"#include <awsauth/{header}>" for header in sorted(own_headers + ["fields.hpp", "json.hpp", "timestamp.hpp"])]
    lines.append("")
    for header in ("cstdint", "map", "optional", "string", "string_view", "tuple", "vector"):
        lines.append(f"#include <{header}>")
    return lines + [""]

ADAPTERS = [
    "// The JSON mapping rules live once, in awsauth/json.hpp; these make nlohmann find them by ADL.",
    "using awsauth::from_json;",
    "using awsauth::to_json;",
    "",
]


def render_service(service, model, botocore_version):
    lines = [
        f"// awsauth/{service.header}: every structure shape of the AWS {service.model_name} model "
        f"({service.api_version}) as a plain struct.",
        f"// Generated by {GENERATOR} from tools/models/{service.model_file} (botocore {botocore_version})",
        "// and tools/models/overlay.json.",
        f"// Do not edit: change the generator or the overlay and run `python3 {GENERATOR}`.",
    ] + prelude([RESPONSE_METADATA_HEADER])
    lines.append(f"namespace awsauth::{service.namespace} {{")
    lines.append("")
    lines += ADAPTERS
    for name in model.structures():
        lines += emit_structure(model, name)
    lines += wrap_comment(f"The names the Python stubs ({service.stub_package}) give these shapes, for boto3 readers.", 0)
    lines.append("namespace type_defs {")
    for name in sorted(model.local_shapes):
        shape = model.shapes[name]
        if shape.get("exception"):
            continue
        lines.append(f"using {name}TypeDef = {name};")
        if name in model.inputs:
            lines.append(f"using {name}RequestTypeDef = {name};")
    lines.append("using ResponseMetadataTypeDef = awsauth::ResponseMetadata;")
    lines.append("}  // namespace type_defs")
    lines.append("")
    lines += emit_registries(model)
    lines.append(f"}}  // namespace awsauth::{service.namespace}")
    return "\n".join(lines) + "\n"


def visit_call(arguments):
    """`    visit(a, b);`, continued on further lines where one would be too long, as clang-format would."""
    lines = ["    visit(" + arguments[0]]
    for argument in arguments[1:]:
        if len(lines[-1]) + len(argument) + 4 > LINE_WIDTH:
            lines[-1] += ","
            lines.append(" " * 10 + argument)
        else:
            lines[-1] += ", " + argument
    return "\n".join(lines) + ");"


def emit_registries(model):
    """Name-to-type tables, for code that dispatches on a shape or operation name (test doubles, proxies)."""
    lines = wrap_comment("Calls visit(type_tag<T>{}, name) for every structure shape of the model, by name.", 0)
    lines += ["template <class Visitor>", "constexpr void for_each_shape(Visitor&& visit) {"]
    lines += [visit_call([f"type_tag<{name}>{{}}", f'std::string_view("{name}")']) for name in sorted(model.local_shapes)]
    lines += ["}", ""]
    lines += wrap_comment(
        "Calls visit(name, type_tag<Input>{}, type_tag<Output>{}) for every operation of the model, by name.", 0
    )
    lines += ["template <class Visitor>", "constexpr void for_each_operation(Visitor&& visit) {"]
    for name in sorted(model.operations):
        operation = model.operations[name]
        input_shape, output_shape = operation["input"]["shape"], operation["output"]["shape"]
        lines.append(visit_call([f'std::string_view("{name}")', f"type_tag<{input_shape}>{{}}", f"type_tag<{output_shape}>{{}}"]))
    lines += ["}", ""]
    return lines


def render_common(common):
    lines = [
        f"// awsauth/{RESPONSE_METADATA_HEADER}: the ResponseMetadata that boto3 adds to every response.",
        f"// Generated by {GENERATOR} from tools/models/overlay.json (no AWS model holds this shape).",
        f"// Do not edit: change the generator or the overlay and run `python3 {GENERATOR}`.",
    ] + prelude([])
    lines.append("namespace awsauth {")
    lines.append("")
    for name in common.structures():
        lines += emit_structure(common, name)
    lines.append("}  // namespace awsauth")
    return "\n".join(lines) + "\n"


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
    arguments = parser.parse_args()
    if arguments.vendor:
        vendor_models()
    botocore_version, models, common = load_models()
    outputs = {INCLUDE / RESPONSE_METADATA_HEADER: render_common(common)}
    for service, model in models:
        outputs[INCLUDE / service.header] = render_service(service, model, botocore_version)
    stale = [path for path, text in outputs.items() if not path.exists() or path.read_text() != text]
    if arguments.check:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is stale: run python3 {GENERATOR}", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(outputs[path])
    return 0


if __name__ == "__main__":
    sys.exit(main())
