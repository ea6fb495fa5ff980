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

FORMATS = ["summary", "env", "env-no-export", "windows-cmd", "dotenv", "credential-process", "ini", "json",
           "container"]

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
    sso = json.loads((ROOT / "tools/models/sso-2019-06-10.json").read_text())
    overlay = json.loads((ROOT / "tools/models/overlay.json").read_text())
    # The documents without an AWS model (container, IMDS, credential_process): overlay.json's "sources", each a
    # model of its own with one shape, Credentials.
    sources = {name: {"shapes": source["shapes"]} for name, source in overlay["sources"].items()
               if isinstance(source, dict) and "shapes" in source}
    return sts, eks, sso, overlay["awsauth"]["shapes"], sources


STS_MODEL, EKS_MODEL, SSO_MODEL, BOTO3_SHAPES, SOURCE_MODELS = load_models()


def read_time(value):
    """A payload's timestamp: epoch seconds (EKS Auth wire, CLI v1) or ISO 8601 text (everything else; Python 3.11
    reads up to 9 fraction digits, keeping 6)."""
    if isinstance(value, (int, float)):
        return datetime.datetime.fromtimestamp(value, UTC)
    if value.endswith("UTC"):  # botocore's cache files: strftime("%Y-%m-%dT%H:%M:%S%Z")
        value = value[:-3] + "+00:00"
    parsed = datetime.datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def normalised(model, shape_name, value, is_output=False):
    """The value in model member order, unknown keys dropped, timestamps as isoformat(), maps sorted by key."""
    if shape_name in model["shapes"]:
        shape = model["shapes"][shape_name]
    elif shape_name in BOTO3_SHAPES:
        shape = BOTO3_SHAPES[shape_name]
    else:  # the source documents name their scalar shapes without defining them
        shape = {"type": "timestamp" if shape_name == "Timestamp" else "scalar"}
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
    """(kind, model, shape, is_output): what the document is and which model shape it is read as, told apart by the
    keys only one of them has (see the tool's documents.cpp and docs/awsauth-creds.md)."""
    if "roleCredentials" in document:
        return "SSO GetRoleCredentials response", SSO_MODEL, "GetRoleCredentialsResponse", True
    if "credentials" in document:
        return "EKS Auth AssumeRoleForPodIdentity response", EKS_MODEL, "AssumeRoleForPodIdentityResponse", True
    if "accessKeyId" in document:
        return "EKS Auth credentials", EKS_MODEL, "Credentials", False
    if "Credentials" in document:
        for key, operation in STS_MARKERS:
            if key in document:
                return f"STS {operation} response", STS_MODEL, f"{operation}Response", True
        return "STS temporary credentials", STS_MODEL, "GetSessionTokenResponse", True
    if "Version" in document:
        return "credential_process output", SOURCE_MODELS["credential_process"], "Credentials", False
    if {"Code", "LastUpdated", "Type"} & document.keys():
        return "IMDS role credentials", SOURCE_MODELS["imds"], "Credentials", False
    if "Token" in document:
        return "container credentials", SOURCE_MODELS["container"], "Credentials", False
    return "STS temporary credentials", STS_MODEL, "Credentials", False


def account_of(arn):
    """The account of arn:aws:sts::123456789012:assumed-role/..., or None: where the credentials view
    (awsauth::credentials_of) takes it from when the payload names none itself."""
    fields = arn.split(":")
    if len(fields) >= 6 and fields[0] == "arn" and len(fields[4]) == 12 and fields[4].isdigit():
        return fields[4]
    return None


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
    account = None
    expiration = None
    if shape == "GetRoleCredentialsResponse":
        credentials = document["roleCredentials"]
        # SSO's expiration is a long of epoch milliseconds; the portal names no account.
        if credentials.get("expiration") is not None:
            expiration = datetime.datetime(1970, 1, 1, tzinfo=UTC) + datetime.timedelta(
                milliseconds=credentials["expiration"])
    elif shape == "AssumeRoleForPodIdentityResponse":
        credentials = document["credentials"]
        subject = document["subject"]
        identity.append(("for", document["assumedRoleUser"]["arn"]))
        identity.append(("pod identity",
                         f"service account {subject['serviceAccount']} in namespace {subject['namespace']}"))
        account = account_of(document["assumedRoleUser"]["arn"])
    elif is_output:
        credentials = document["Credentials"]
        if "AssumedRoleUser" in document:
            identity.append(("for", document["AssumedRoleUser"]["Arn"]))
            account = account_of(document["AssumedRoleUser"]["Arn"])
        if "FederatedUser" in document:
            identity.append(("for", document["FederatedUser"]["Arn"]))
            account = account_of(document["FederatedUser"]["Arn"])
        if "AssumedPrincipal" in document:
            identity.append(("for", document["AssumedPrincipal"]))
            account = account_of(document["AssumedPrincipal"])
        if "SourceIdentity" in document:
            identity.append(("source identity", document["SourceIdentity"]))
    else:
        credentials = document
        if "RoleArn" in document:
            identity.append(("for", document["RoleArn"]))
        account = document.get("AccountId")
    spelled = {key.lower(): value for key, value in credentials.items()}
    token = spelled.get("sessiontoken", spelled.get("token"))
    return {
        "kind": kind,
        "identity": identity,
        "access_key_id": spelled["accesskeyid"],
        "secret_access_key": spelled["secretaccesskey"],
        "session_token": token,
        "expiration": expiration or (read_time(spelled["expiration"]) if "expiration" in spelled else None),
        "account_id": account,
        "json": normalised(model, shape, document, is_output),
    }


def posix_quoted(value):
    return "'" + value.replace("'", "'\\''") + "'"


def fish_quoted(value):
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def powershell_quoted(value):
    # PowerShell ends a single-quoted string at ' and at U+2018..U+201B alike; doubling escapes each.
    return "'" + "".join(c + c if c in "'\u2018\u2019\u201a\u201b" else c for c in value) + "'"


def variables(found):
    """The variables `aws configure export-credentials` (AWS CLI v2) sets: the session token and the expiration only
    for temporary credentials."""
    pairs = [("AWS_ACCESS_KEY_ID", found["access_key_id"]), ("AWS_SECRET_ACCESS_KEY", found["secret_access_key"])]
    if found["session_token"] is not None:
        pairs.append(("AWS_SESSION_TOKEN", found["session_token"]))
    if found["expiration"] is not None:
        pairs.append(("AWS_CREDENTIAL_EXPIRATION", second_floor(found["expiration"])))
    return pairs


CMD_SPECIAL = set('%!^&|<>()"')


def environment(found, shell):
    line = {
        "posix": lambda name, value: f"export {name}={posix_quoted(value)}",
        "no-export": lambda name, value: f"{name}={posix_quoted(value)}",
        "fish": lambda name, value: f"set -gx {name} {fish_quoted(value)}",
        "powershell": lambda name, value: f"$Env:{name} = {powershell_quoted(value)}",
        # cmd.exe takes the rest of the line as it stands; the tool refuses what cmd would not (see refusals).
        "windows-cmd": lambda name, value: f"set {name}={value}",
        # python-dotenv and Docker Compose agree on a single-quoted value without ' and \.
        "dotenv": lambda name, value: f"{name}='{value}'",
    }[shell]
    return "".join(line(name, value) + "\n" for name, value in variables(found))


def refused(found, variant):
    """Whether the tool must refuse this format for these credentials (checked by hand in expected/refusals)."""
    values = [value for _, value in variables(found)]
    if variant == "windows-cmd":
        return any(c in CMD_SPECIAL or ord(c) >= 0x80 for value in values for c in value)
    if variant == "dotenv":
        return any("'" in value or "\\" in value for value in values)
    if variant == "container":
        return found["session_token"] is None or found["expiration"] is None
    return False


def output(found, variant, now):
    if variant == "summary":
        if found["expiration"] is not None:
            expires = f"{second_floor(found['expiration'])} (in {duration(found['expiration'] - now)})"
        else:
            expires = "never (long-term keys)" if found["session_token"] is None else "not said"
        lines = [("credentials", found["kind"]), *found["identity"], ("access key id", found["access_key_id"]),
                 ("expires", expires)]
        return "".join(f"{label + ':':<17}{value}\n" for label, value in lines)
    if variant in ("env", "fish", "powershell"):
        return environment(found, "posix" if variant == "env" else variant)
    if variant in ("env-no-export", "windows-cmd", "dotenv"):
        return environment(found, variant.removeprefix("env-"))
    if variant == "credential-process":
        answer = {"Version": 1, "AccessKeyId": found["access_key_id"], "SecretAccessKey": found["secret_access_key"]}
        if found["session_token"] is not None:
            answer["SessionToken"] = found["session_token"]
        if found["expiration"] is not None:
            answer["Expiration"] = second_floor(found["expiration"])
        return json.dumps(answer, indent=2, ensure_ascii=False) + "\n"
    if variant == "container":
        # What the EKS Pod Identity agent sends: Go's json.Marshal, compact, RFC 3339 (whole seconds: floored).
        answer = {"AccessKeyId": found["access_key_id"], "SecretAccessKey": found["secret_access_key"],
                  "Token": found["session_token"]}
        if found["account_id"] is not None:
            answer["AccountId"] = found["account_id"]
        answer["Expiration"] = second_floor(found["expiration"])
        return json.dumps(answer, separators=(",", ":"), ensure_ascii=False) + "\n"
    if variant == "ini" or variant.startswith("profile="):
        profile = variant.partition("=")[2] or "default"
        text = f"[{profile}]\n"
        if found["expiration"] is not None:
            text += f"# expires {second_floor(found['expiration'])}\n"
        text += f"aws_access_key_id = {found['access_key_id']}\naws_secret_access_key = {found['secret_access_key']}\n"
        if found["session_token"] is not None:
            text += f"aws_session_token = {found['session_token']}\n"
        return text
    if variant == "json":
        return json.dumps(found["json"], indent=2, ensure_ascii=False) + "\n"
    if variant == "eval":  # what sh holds in the four variables after eval-ing the env output
        held = dict(variables(found))
        names = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION"]
        return "".join(held.get(name, "(unset)") + "\n" for name in names)
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
            target = folder / file_name(variant)
            if refused(found, variant):
                target.unlink(missing_ok=True)  # no expected output: check_outputs.cmake expects a refusal
                continue
            target.write_text(output(found, variant, now), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    main()
