#!/usr/bin/env python3
"""Writes apps/awsauth-creds/tests/expected/: what awsauth-creds must print for each case in cases.txt beside it.

A second, independent statement of the tool's output rules, in Python (standard library only), reading the
payloads with json, xml.etree (STS's XML answers) and datetime and the member order from the vendored AWS models
in tools/models. It shares no
code with the tool. The tests never run it: they compare the tool's output with the committed files. Run it by
hand after changing a rule or a case, and read the diff:

    python3 apps/awsauth-creds/tests/derive_expected.py
"""
import datetime
import json
import pathlib
import xml.etree.ElementTree as ElementTree

ROOT = pathlib.Path(__file__).resolve().parents[3]
HERE = ROOT / "apps" / "awsauth-creds" / "tests"
UTC = datetime.timezone.utc

FORMATS = ["summary", "env", "credential-process", "ini", "json"]

# The most specific credentials-bearing STS response whose keys the document has, first match wins; see the
# issue's rules. Credentials alone fit GetSessionToken and AssumeRoot both: "STS temporary credentials".
STS_MARKERS = [
    ("FederatedUser", "GetFederationToken"),
    ("SubjectFromWebIdentityToken", "AssumeRoleWithWebIdentity"),
    ("Provider", "AssumeRoleWithWebIdentity"),
    ("Issuer", "AssumeRoleWithSAML"),
    ("SubjectType", "AssumeRoleWithSAML"),
    ("NameQualifier", "AssumeRoleWithSAML"),
    ("Subject", "AssumeRoleWithSAML"),
    ("AssumedPrincipal", "GetDelegatedAccessToken"),
    ("AssumedRoleUser", "AssumeRole"),
    ("SourceIdentity", "AssumeRoot"),
]


def load_models():
    sts = json.loads((ROOT / "tools/models/sts-2011-06-15.json").read_text())
    eks = json.loads((ROOT / "tools/models/eks-auth-2023-11-26.json").read_text())
    overlay = json.loads((ROOT / "tools/models/overlay.json").read_text())
    return sts, eks, overlay["awsauth"]["shapes"]


STS_MODEL, EKS_MODEL, BOTO3_SHAPES = load_models()


def read_time(value):
    """A payload's timestamp: epoch seconds (EKS Auth wire, CLI v1) or ISO 8601 text (everything else)."""
    if isinstance(value, (int, float)):
        return datetime.datetime.fromtimestamp(value, UTC)
    parsed = datetime.datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def normalised(model, shape_name, value, is_output=False):
    """The value in model member order, unknown keys dropped, timestamps as isoformat(), maps sorted by key."""
    shape = model["shapes"][shape_name] if shape_name in model["shapes"] else BOTO3_SHAPES[shape_name]
    kind = shape["type"]
    if kind == "structure":
        members = list(shape["members"].items())
        if is_output:
            members.append(("ResponseMetadata", {"shape": "ResponseMetadata"}))
        result = {}
        for key, member in members:
            if value.get(key) is not None:
                result[key] = normalised(model, member["shape"], value[key])
        return result
    if kind == "list":
        return [normalised(model, shape["member"]["shape"], item) for item in value]
    if kind == "map":
        return {key: value[key] for key in sorted(value)}
    if kind == "timestamp":
        return read_time(value).isoformat()
    return value


def second_floor(instant):
    return instant.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def duration(delta):
    seconds = int(delta.total_seconds() // 1)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds // 60 % 60} min"


def classify(document):
    """(kind, model, shape, is_output): what the document is and which model shape it is read as."""
    if "credentials" in document:
        return "EKS Auth AssumeRoleForPodIdentity response", EKS_MODEL, "AssumeRoleForPodIdentityResponse", True
    if "Credentials" in document:
        for key, operation in STS_MARKERS:
            if key in document:
                return f"STS {operation} response", STS_MODEL, f"{operation}Response", True
        return "STS temporary credentials", STS_MODEL, "GetSessionTokenResponse", True
    if "AccessKeyId" in document:
        return "STS temporary credentials", STS_MODEL, "Credentials", False
    return "EKS Auth credentials", EKS_MODEL, "Credentials", False


def local_name(tag):
    """ElementTree spells a namespaced tag {uri}local; the tool matches local names."""
    return tag.rpartition("}")[2]


def from_xml(shape_name, element):
    """An element of an STS XML answer as the value boto3 would make of it, through the model's shapes."""
    shape = STS_MODEL["shapes"][shape_name]
    kind = shape["type"]
    if kind == "structure":
        return {local_name(child.tag): from_xml(shape["members"][local_name(child.tag)]["shape"], child)
                for child in element if local_name(child.tag) in shape["members"]}
    if kind == "list":
        return [from_xml(shape["member"]["shape"], item) for item in element if local_name(item.tag) == "member"]
    if kind == "integer":
        return int(element.text)
    return element.text or ""  # strings, and timestamps as their ISO 8601 text


def read_xml_answer(path):
    """An STS XML answer (what curl gets): the classification the tool makes from the root element's name, and the
    result as a boto3-like document, without ResponseMetadata (the body alone has no status or headers)."""
    root = ElementTree.fromstring(path.read_bytes())
    operation = local_name(root.tag).removesuffix("Response")
    output = STS_MODEL["operations"][operation]["output"]
    result = next(child for child in root if local_name(child.tag) == output["resultWrapper"])
    document = from_xml(output["shape"], result)
    return (f"STS {operation} response", STS_MODEL, output["shape"], True), document


def facts(document, classification=None):
    kind, model, shape, is_output = classification or classify(document)
    identity = []
    if shape == "AssumeRoleForPodIdentityResponse":
        credentials = document["credentials"]
        subject = document["subject"]
        identity.append(("for", document["assumedRoleUser"]["arn"]))
        identity.append(("pod identity",
                         f"service account {subject['serviceAccount']} in namespace {subject['namespace']}"))
    elif is_output:
        credentials = document["Credentials"]
        if "AssumedRoleUser" in document:
            identity.append(("for", document["AssumedRoleUser"]["Arn"]))
        if "FederatedUser" in document:
            identity.append(("for", document["FederatedUser"]["Arn"]))
        if "AssumedPrincipal" in document:
            identity.append(("for", document["AssumedPrincipal"]))
        if "SourceIdentity" in document:
            identity.append(("source identity", document["SourceIdentity"]))
    else:
        credentials = document
    spelled = {key.lower(): value for key, value in credentials.items()}
    return {
        "kind": kind,
        "identity": identity,
        "access_key_id": spelled["accesskeyid"],
        "secret_access_key": spelled["secretaccesskey"],
        "session_token": spelled["sessiontoken"],
        "expiration": read_time(spelled["expiration"]),
        "json": normalised(model, shape, document, is_output),
    }


def posix_quoted(value):
    return "'" + value.replace("'", "'\\''") + "'"


def fish_quoted(value):
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def powershell_quoted(value):
    # PowerShell ends a single-quoted string at ' and at U+2018..U+201B alike; doubling escapes each.
    return "'" + "".join(c + c if c in "'\u2018\u2019\u201a\u201b" else c for c in value) + "'"


def environment(found, shell):
    variables = [
        ("AWS_ACCESS_KEY_ID", found["access_key_id"]),
        ("AWS_SECRET_ACCESS_KEY", found["secret_access_key"]),
        ("AWS_SESSION_TOKEN", found["session_token"]),
        ("AWS_CREDENTIAL_EXPIRATION", second_floor(found["expiration"])),
    ]
    line = {
        "posix": lambda name, value: f"export {name}={posix_quoted(value)}",
        "fish": lambda name, value: f"set -gx {name} {fish_quoted(value)}",
        "powershell": lambda name, value: f"$Env:{name} = {powershell_quoted(value)}",
    }[shell]
    return "".join(line(name, value) + "\n" for name, value in variables)


def output(found, variant, now):
    if variant == "summary":
        lines = [("credentials", found["kind"]), *found["identity"], ("access key id", found["access_key_id"]),
                 ("expires", f"{second_floor(found['expiration'])} (in {duration(found['expiration'] - now)})")]
        return "".join(f"{label + ':':<17}{value}\n" for label, value in lines)
    if variant in ("env", "fish", "powershell"):
        return environment(found, "posix" if variant == "env" else variant)
    if variant == "credential-process":
        answer = {"Version": 1, "AccessKeyId": found["access_key_id"], "SecretAccessKey": found["secret_access_key"],
                  "SessionToken": found["session_token"], "Expiration": second_floor(found["expiration"])}
        return json.dumps(answer, indent=2, ensure_ascii=False) + "\n"
    if variant == "ini" or variant.startswith("profile="):
        profile = variant.partition("=")[2] or "default"
        return (f"[{profile}]\n# expires {second_floor(found['expiration'])}\n"
                f"aws_access_key_id = {found['access_key_id']}\n"
                f"aws_secret_access_key = {found['secret_access_key']}\n"
                f"aws_session_token = {found['session_token']}\n")
    if variant == "json":
        return json.dumps(found["json"], indent=2, ensure_ascii=False) + "\n"
    if variant == "eval":  # what sh holds in the four variables after eval-ing the env output
        values = [found["access_key_id"], found["secret_access_key"], found["session_token"],
                  second_floor(found["expiration"])]
        return "".join(value + "\n" for value in values)
    raise ValueError(variant)


def file_name(variant):
    if variant in ("fish", "powershell"):
        return f"env-{variant}.txt"
    if variant.startswith("profile="):
        return f"ini-{variant.partition('=')[2]}.txt"
    if variant == "eval":
        return "posix-eval.txt"
    return f"{variant}.txt"


def main():
    for line in (HERE / "cases.txt").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        input_path, now_text, *variants = line.split()
        now = read_time(now_text)
        path = pathlib.PurePosixPath(input_path)
        if path.suffix == ".xml":
            classification, document = read_xml_answer(ROOT / input_path)
            found = facts(document, classification)
        else:
            found = facts(json.loads((ROOT / input_path).read_text(encoding="utf-8")))
        folder = HERE / "expected" / path.parent.name / path.name.removesuffix(".json").removesuffix(".xml")
        folder.mkdir(parents=True, exist_ok=True)
        for variant in FORMATS + variants:
            (folder / file_name(variant)).write_text(output(found, variant, now), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
