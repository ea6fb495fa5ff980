#!/usr/bin/env python3
"""Capture real AWS STS and EKS Auth payloads as test fixtures for awsauth.

awsauth mirrors the STS (2011-06-15) and EKS Auth (2023-11-26) responses as
C++ structs with nlohmann_json adapters.  Its tests must accept the JSON that
real tools print, so this script produces that JSON with the real tools,
entirely offline, and writes it under tests/data/:

  awscli-v1/        stdout of `aws <service> <operation> --output json`
                    (AWS CLI v1, run in-process), byte for byte
  boto3-isoformat/  json.dumps(response, indent=2,
                    default=lambda o: o.isoformat()) of the boto3 response,
                    ResponseMetadata included (the AWS CLI v2 timestamp style)
  boto3-str/        json.dumps(response, indent=2, default=str)
  wire/             raw rest-json bodies of EKS Auth AssumeRoleForPodIdentity
                    with `expiration` as an integer, a fraction and in
                    exponent form (how Java's Double.toString prints it)
  examples/         every STS example of botocore's examples-1.json
  EVIDENCE.md       the keys (and timestamp values) present in every file

Operations that moto implements run against moto's in-process mock.  The
others (DecodeAuthorizationMessage, AssumeRoot, GetDelegatedAccessToken,
GetWebIdentityToken, EKS Auth AssumeRoleForPodIdentity) get a hand-written
wire body, built from the service model, which a `before-send` hook hands to
botocore in place of an HTTP response, so botocore's own parser (and the CLI's
formatter) still produce the output.  The hand-written values are fixed, so
only moto's random ids and real-clock timestamps change between runs.

Usage: python3 tools/capture_payloads.py   (needs boto3, moto and awscli v1)
"""

import base64
import contextlib
import hashlib
import importlib.metadata
import io
import json
import os
import platform
import shutil
import sys
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import escape

import boto3
import botocore
from awscli.clidriver import create_clidriver
from botocore.awsrequest import AWSResponse
from moto import mock_aws

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
PRODUCERS = ("awscli-v1", "boto3-isoformat", "boto3-str", "wire", "examples")
REGION = "us-east-1"
ACCOUNT = "123456789012"  # moto's default account
STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/"
# Fixed clock for the hand-written bodies: issued one hour before EXPIRES.
EXPIRES = datetime.fromtimestamp(1795537123, timezone.utc)
ISSUED = EXPIRES - timedelta(hours=1)
EKS_EXPIRATIONS = {  # file variant -> JSON number literal, all the same instant
    "epoch-int": "1795537123",
    "epoch-fraction": "1795537123.25",
    "epoch-exponent": "1.795537123E9",
}


# --- deterministic fake values -------------------------------------------


def digest(label, size):
    """`size` pseudo-random bytes derived from `label` (stable across runs)."""
    out = b""
    counter = 0
    while len(out) < size:
        out += hashlib.sha512(f"{label}/{counter}".encode()).digest()
        counter += 1
    return out[:size]


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def access_key_id(label):
    return "ASIA" + base64.b32encode(digest(label, 10)).decode()


def secret_access_key(label):
    return base64.b64encode(digest("secret/" + label, 30)).decode()


def session_token(label):
    body = base64.b64encode(digest("token/" + label, 588)).decode()
    return "IQoJb3JpZ2luX2Vj" + body


def jwt(label, header, claims, signature_size):
    parts = (json.dumps(header), json.dumps(claims))
    signature = b64url(digest("jwt/" + label, signature_size))
    return ".".join([*(b64url(p.encode()) for p in parts), signature])


def wire_time(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def credentials(label, expires=EXPIRES):
    return {
        "AccessKeyId": access_key_id(label),
        "SecretAccessKey": secret_access_key(label),
        "SessionToken": session_token(label),
        "Expiration": wire_time(expires),
    }


# --- request inputs ----------------------------------------------------------


def saml_assertion():
    """A minimal SAML 2.0 Response with the attributes moto reads."""
    role = f"arn:aws:iam::{ACCOUNT}:role/SAMLRole"
    provider = f"arn:aws:iam::{ACCOUNT}:saml-provider/ExampleIdP"
    attributes = {
        "https://aws.amazon.com/SAML/Attributes/Role": f"{role},{provider}",
        "https://aws.amazon.com/SAML/Attributes/RoleSessionName": "alice@example.com",
        "https://aws.amazon.com/SAML/Attributes/SessionDuration": "3600",
    }
    attribute_xml = "".join(
        f'<saml:Attribute Name="{name}"><saml:AttributeValue>{value}'
        "</saml:AttributeValue></saml:Attribute>"
        for name, value in attributes.items()
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"'
        ' xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"'
        f' ID="_response1" Version="2.0" IssueInstant="{wire_time(ISSUED)}"'
        ' Destination="https://signin.aws.amazon.com/saml">'
        "<saml:Issuer>https://idp.example.com/saml</saml:Issuer>"
        "<samlp:Status><samlp:StatusCode"
        ' Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
        f'<saml:Assertion ID="_assertion1" Version="2.0" IssueInstant="{wire_time(ISSUED)}">'
        "<saml:Issuer>https://idp.example.com/saml</saml:Issuer>"
        "<saml:Subject><saml:NameID"
        ' Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">'
        "alice@example.com</saml:NameID></saml:Subject>"
        f'<saml:Conditions NotBefore="{wire_time(ISSUED)}" NotOnOrAfter="{wire_time(EXPIRES)}">'
        "<saml:AudienceRestriction><saml:Audience>urn:amazon:webservices"
        "</saml:Audience></saml:AudienceRestriction></saml:Conditions>"
        f"<saml:AttributeStatement>{attribute_xml}</saml:AttributeStatement>"
        "</saml:Assertion></samlp:Response>"
    )
    return base64.b64encode(xml.encode()).decode()


def oidc_token():
    """A JWT shaped like an OIDC ID token (moto does not verify it)."""
    claims = {
        "iss": "https://oidc.example.com",
        "sub": "repo:example/awsauth:ref:refs/heads/main",
        "aud": "sts.amazonaws.com",
        "iat": int(ISSUED.timestamp()),
        "exp": int(EXPIRES.timestamp()),
    }
    return jwt("oidc", {"alg": "RS256", "typ": "JWT", "kid": "example-key-1"}, claims, 256)


def service_account_token():
    """A JWT shaped like a projected Kubernetes service account token."""
    claims = {
        "aud": ["pods.eks.amazonaws.com"],
        "exp": int(EXPIRES.timestamp()),
        "iat": int(ISSUED.timestamp()),
        "iss": "https://oidc.eks.us-east-1.amazonaws.com/id/5C5E3B2A8F1D4E6A9B7C0D1E2F3A4B5C",
        "kubernetes.io": {
            "namespace": "default",
            "pod": {"name": "my-app-7d9f8b6c5d-x2k4p", "uid": "8f14e45f-ceea-467f-a9ac-2f1c3e5d6b7a"},
            "serviceaccount": {"name": "my-app", "uid": "c9f0f895-fb98-4b91-99f5-1d1e2b3c4d5e"},
        },
        "nbf": int(ISSUED.timestamp()),
        "sub": "system:serviceaccount:default:my-app",
    }
    return jwt("k8s", {"alg": "RS256", "kid": "0a1b2c3d4e5f"}, claims, 256)


# --- hand-written wire bodies ---------------------------------------------------


def xml_elements(value):
    """Render a dict (or scalar) as query-protocol XML elements, in order."""
    if not isinstance(value, dict):
        return escape(str(value))
    return "".join(f"<{k}>{xml_elements(v)}</{k}>" for k, v in value.items())


def request_id(operation):
    """The request id a hand-written answer carries, in its body and its x-amzn-requestid header alike."""
    return str(uuid.UUID(bytes=digest("request-id/" + operation, 16), version=4))


def sts_body(operation, result):
    return (
        f'<{operation}Response xmlns="{STS_XMLNS}">\n'
        f"  <{operation}Result>{xml_elements(result)}</{operation}Result>\n"
        f"  <ResponseMetadata><RequestId>{request_id(operation)}</RequestId></ResponseMetadata>\n"
        f"</{operation}Response>\n"
    ).encode()


def decoded_authorization_message():
    message = {
        "allowed": False,
        "explicitDeny": False,
        "matchedStatements": {"items": []},
        "failures": {"items": []},
        "context": {
            "principal": {
                "id": "AROA3X42LBCDEXAMPLE01:alice",
                "arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/Developer/alice",
            },
            "action": "ec2:RunInstances",
            "resource": f"arn:aws:ec2:us-east-1:{ACCOUNT}:instance/*",
            "conditions": {"items": [{
                "key": "ec2:InstanceType",
                "values": {"items": [{"value": "m5.large"}]},
            }]},
        },
    }
    return json.dumps(message, separators=(",", ":"))


def web_identity_token():
    claims = {
        "aud": "https://api.partner.example.com",
        "sub": f"arn:aws:iam::{ACCOUNT}:role/WorkloadRole",
        "iss": "https://a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d.tokens.sts.global.api.aws",
        "iat": int(ISSUED.timestamp()),
        "exp": int((ISSUED + timedelta(minutes=5)).timestamp()),
        "jti": "6f1c2d3e-4b5a-4978-8a6b-5c4d3e2f1a0b",
    }
    return jwt("sts-web-identity", {"kid": "EXAMPLEKEY1", "typ": "JWT", "alg": "ES384"}, claims, 96)


def eks_body(expiration_literal):
    """AssumeRoleForPodIdentity body; `expiration` spelled as given."""
    session = "eks-my-cluster-my-app-7d9-8f14e45f-ceea-467f-a9ac-2f1c3e5d6b7a"
    creds = credentials("eks-auth")
    body = {
        "subject": {"namespace": "default", "serviceAccount": "my-app"},
        "audience": "pods.eks.amazonaws.com",
        "podIdentityAssociation": {
            "associationArn": f"arn:aws:eks:us-east-1:{ACCOUNT}:podidentityassociation/my-cluster/a-ebw2adxhmvvnqwxet",
            "associationId": "a-ebw2adxhmvvnqwxet",
        },
        "assumedRoleUser": {
            "arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/my-app-pod-role/{session}",
            "assumeRoleId": f"AROA3X42LBCDPODROLE01:{session}",
        },
        "credentials": {
            "sessionToken": creds["SessionToken"],
            "secretAccessKey": creds["SecretAccessKey"],
            "accessKeyId": creds["AccessKeyId"],
            "expiration": "@EXPIRATION@",
        },
    }
    text = json.dumps(body, separators=(",", ":"))
    return text.replace('"@EXPIRATION@"', expiration_literal).encode()


# --- what to capture -------------------------------------------------------


@dataclass(frozen=True)
class Capture:
    service: str  # botocore service name, also the file prefix and CLI command
    operation: str  # PascalCase operation name
    params: dict  # boto3 keyword arguments (the CLI gets them as --cli-input-json)
    variant: str = ""  # file name suffix
    stub_body: bytes = b""  # hand-written wire body; empty means "ask moto"

    @property
    def stem(self):
        name = f"{self.service}-{botocore.xform_name(self.operation, '-')}"
        return f"{name}-{self.variant}" if self.variant else name


def captures():
    role = f"arn:aws:iam::{ACCOUNT}:role/AuthTestRole"
    policy = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"}]})
    read_only = [{"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]
    eks_params = {"clusterName": "my-cluster", "token": service_account_token()}
    return [
        Capture("sts", "AssumeRole", {"RoleArn": role, "RoleSessionName": "awsauth-minimal"}, "minimal"),
        Capture("sts", "AssumeRole", {
            "RoleArn": role, "RoleSessionName": "awsauth-full", "DurationSeconds": 1800,
            "Tags": [{"Key": "Project", "Value": "awsauth"}, {"Key": "Team", "Value": "auth"}],
            "TransitiveTagKeys": ["Project"], "PolicyArns": read_only, "Policy": policy,
            "ExternalId": "awsauth-external-id", "SourceIdentity": "alice",
        }, "full"),
        Capture("sts", "AssumeRoleWithSAML", {
            "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/SAMLRole",
            "PrincipalArn": f"arn:aws:iam::{ACCOUNT}:saml-provider/ExampleIdP",
            "SAMLAssertion": saml_assertion(),
        }),
        Capture("sts", "AssumeRoleWithWebIdentity", {
            "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/WebIdentityRole",
            "RoleSessionName": "awsauth-web-identity", "WebIdentityToken": oidc_token(),
        }),
        Capture("sts", "GetSessionToken", {}),
        Capture("sts", "GetFederationToken", {"Name": "federated-bob", "Policy": policy}),
        Capture("sts", "GetCallerIdentity", {}),
        Capture("sts", "GetAccessKeyInfo", {"AccessKeyId": "AKIAI44QH8DHBEXAMPLE"}),
        Capture("sts", "DecodeAuthorizationMessage", {
            "EncodedMessage": base64.b64encode(digest("encoded-message", 600)).decode(),
        }, stub_body=sts_body("DecodeAuthorizationMessage", {
            "DecodedMessage": decoded_authorization_message(),
        })),
        Capture("sts", "AssumeRoot", {
            "TargetPrincipal": "111122223333",
            "TaskPolicyArn": {"arn": "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"},
            "DurationSeconds": 900,
        }, stub_body=sts_body("AssumeRoot", {
            "SourceIdentity": "alice",
            "Credentials": credentials("assume-root", ISSUED + timedelta(minutes=15)),
        })),
        Capture("sts", "GetDelegatedAccessToken", {
            "TradeInToken": b64url(digest("trade-in", 180)),
        }, stub_body=sts_body("GetDelegatedAccessToken", {
            "Credentials": credentials("delegated"),
            "PackedPolicySize": 4,
            "AssumedPrincipal": f"arn:aws:sts::{ACCOUNT}:assumed-role/PartnerDelegatedRole/awsauth-delegated",
        })),
        Capture("sts", "GetWebIdentityToken", {
            "Audience": ["https://api.partner.example.com"], "SigningAlgorithm": "ES384",
        }, stub_body=sts_body("GetWebIdentityToken", {
            "WebIdentityToken": web_identity_token(),
            "Expiration": wire_time(ISSUED + timedelta(minutes=5)),
        })),
        *(Capture("eks-auth", "AssumeRoleForPodIdentity", eks_params,
                  "" if variant == "epoch-int" else variant, eks_body(literal))
          for variant, literal in EKS_EXPIRATIONS.items()),
    ]


# --- running the tools -------------------------------------------------------


class _RawBody:
    """The `raw` object AWSResponse reads its body from."""

    def __init__(self, data):
        self._data = data

    def stream(self, **_):
        yield self._data


def stub_handler(capture):
    """A before-send handler answering with the capture's hand-written body."""
    json_body = capture.stub_body.startswith(b"{")
    headers = {
        "x-amzn-requestid": request_id(capture.operation),
        "content-type": "application/json" if json_body else "text/xml",
        "content-length": str(len(capture.stub_body)),
        "date": ISSUED.strftime("%a, %d %b %Y %H:%M:%S GMT"),
    }

    def handler(request, **_):
        return AWSResponse(request.url, 200, headers, _RawBody(capture.stub_body))

    return handler


def event_name(capture):
    # Events use the hyphenized service id, which equals the service name here.
    return f"before-send.{capture.service}.{capture.operation}"


def backend(capture):
    """moto for what it implements; the stub (registered by the caller) otherwise."""
    return contextlib.nullcontext() if capture.stub_body else mock_aws()


def run_boto3(capture):
    client = boto3.client(capture.service, region_name=REGION)
    if capture.stub_body:
        client.meta.events.register(event_name(capture), stub_handler(capture))
    with backend(capture):
        return getattr(client, botocore.xform_name(capture.operation))(**capture.params)


def run_awscli_v1(capture):
    driver = create_clidriver()
    if capture.stub_body:
        driver.session.register(event_name(capture), stub_handler(capture))
    args = [capture.service, botocore.xform_name(capture.operation, "-"),
            "--cli-input-json", json.dumps(capture.params), "--output", "json"]
    stdout, stderr = io.StringIO(), io.StringIO()
    with backend(capture), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = driver.main(args)
    if status != 0:
        raise RuntimeError(f"aws {' '.join(args[:2])} exited {status}: {stderr.getvalue()}")
    return stdout.getvalue()


# --- writing files -----------------------------------------------------------


def write(path, text):
    path.write_text(text, encoding="utf-8", newline="")


def write_json(path, value, **dumps_options):
    write(path, json.dumps(value, indent=2, **dumps_options) + "\n")


def capture_tools():
    for capture in captures():
        name = capture.stem + ".json"
        write(DATA / "awscli-v1" / name, run_awscli_v1(capture))
        response = run_boto3(capture)
        write_json(DATA / "boto3-isoformat" / name, response, default=lambda o: o.isoformat())
        write_json(DATA / "boto3-str" / name, response, default=str)


def capture_wire():
    stem = Capture("eks-auth", "AssumeRoleForPodIdentity", {}).stem
    for variant, literal in EKS_EXPIRATIONS.items():
        (DATA / "wire" / f"{stem}-{variant}.json").write_bytes(eks_body(literal))


def capture_examples():
    path = Path(botocore.__file__).parent / "data" / "sts" / "2011-06-15" / "examples-1.json"
    examples = json.loads(path.read_text(encoding="utf-8"))["examples"]
    for operation, entries in examples.items():
        stem = f"sts-{botocore.xform_name(operation, '-')}"
        for index, example in enumerate(entries):
            for part in ("input", "output"):
                if part in example:
                    write_json(DATA / "examples" / f"{stem}-{index}.{part}.json", example[part])


# --- EVIDENCE.md -------------------------------------------------------------


class Number(str):
    """A JSON number kept as the literal text the file spells it with."""


def load_literal(path):
    return json.loads(path.read_text(encoding="utf-8"), parse_int=Number, parse_float=Number)


def outline(value, path=""):
    """Yield (path, keys) for each object and (path, literal) for each timestamp."""
    if isinstance(value, dict):
        yield path or "(top)", ", ".join(value) or "(none)"
        for key, child in value.items():
            child_path = f"{path}.{key}" if path else key
            if key.lower() == "expiration" and not isinstance(child, dict):
                yield child_path, child if isinstance(child, Number) else json.dumps(child)
            else:
                yield from outline(child, child_path)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from outline(child, f"{path}[{index}]")


def evidence():
    versions = ", ".join(f"{p} {importlib.metadata.version(p)}"
                         for p in ("awscli", "boto3", "botocore", "moto"))
    lines = [
        "# Evidence: keys present in the captured payloads",
        "",
        "Generated by `python3 tools/capture_payloads.py`; do not edit.",
        f"Python {platform.python_version()}, {versions}.",
        "",
        "One line per file: the keys of every JSON object in file order, by path",
        "(`(top)` is the top level), then each `Expiration`/`expiration` value",
        "exactly as the file spells it (strings quoted, numbers verbatim).",
    ]
    for producer in PRODUCERS:
        files = {f.name: load_literal(f) for f in sorted((DATA / producer).glob("*.json"))}
        lines += ["", f"## {producer}", ""]
        for key in ("ResponseMetadata", "SourceIdentity"):
            holders = [name for name, value in files.items() if key in value]
            named = f": {', '.join(holders)}" if 0 < len(holders) < len(files) else ""
            lines.append(f"Top-level `{key}` in {len(holders)} of {len(files)} files{named}.")
        lines.append("")
        lines += [f"- `{name}`: " + "; ".join(f"`{where}`: {what}" for where, what in outline(value))
                  for name, value in files.items()]
    return "\n".join(lines) + "\n"


# --- main --------------------------------------------------------------------


def fake_environment():
    """Offline, fake credentials, us-east-1, and no user AWS config.

    AWS_DATA_PATH stays: importing awscli sets it so botocore finds the CLI's data.
    """
    for name in [n for n in os.environ if n.startswith("AWS_") and n != "AWS_DATA_PATH"]:
        del os.environ[name]
    os.environ.update({
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    })


def reset_outputs():
    for producer in PRODUCERS:
        shutil.rmtree(DATA / producer, ignore_errors=True)
        (DATA / producer).mkdir(parents=True)


def main():
    fake_environment()
    reset_outputs()
    capture_tools()
    capture_wire()
    capture_examples()
    write(DATA / "EVIDENCE.md", evidence())
    print(f"wrote {sum(1 for _ in DATA.rglob('*.json'))} JSON files under {DATA}", file=sys.stderr)


if __name__ == "__main__":
    main()
