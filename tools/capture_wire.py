#!/usr/bin/env python3
"""Capture the STS, EKS Auth and SSO wire protocols as test fixtures for awsauth.

awsauth is to speak the services' real wire: STS over the AWS Query protocol
(form-encoded POST, XML answers and XML errors), EKS Auth over restJson1
(POST /clusters/{clusterName}/assume-role-for-pod-identity, a JSON body, errors
typed by x-amzn-ErrorType) and the SSO portal over restJson1 too (GET
/federation/credentials with the query string and a bearer-token header, no body;
the role credentials' expiration in epoch milliseconds).  Its C++ tests assert against real bytes, so this
script produces them once with botocore and moto, offline, and writes them
under tests/data/protocol/:

  requests/           what botocore's serializer sends for every operation of
                      both services (minimal, full and awkward inputs); a
                      before-send hook takes the request and answers in place
                      of HTTP
  responses/          moto's real HTTP answers (moto run as a server on
                      127.0.0.1, real HTTP, the raw bytes taken by a
                      before-parse hook) for every STS operation moto
                      implements; EKS Auth and SSO answers hand-built from
                      the model and served by a before-send hook
  response-variants/  moto's AssumeRole answer changed one way at a time
                      (layout, XML features, timestamp spellings, odd content)
                      and what botocore's QueryParser makes of each
  errors/             moto's real STS errors, hand-made STS, EKS Auth and SSO
                      error bodies, and what botocore's parser and client make of them
  README.md           generated: every folder and field, and the rules the
                      captured requests show, read back from their bytes

FINDINGS.md in the same folder is written by hand from these files; a rerun
keeps it and warns about any file it names that no longer exists.  Everything
else under tests/data/protocol/ is deleted and rewritten on each run.

Fixed inputs, fixed fake credentials, TZ=UTC and a fixed moto seed keep most
bytes stable; moto's session tokens (os.urandom), its real-clock timestamps and
the Date headers change between runs and are recorded as they came.

Usage: python3 tools/capture_wire.py   (needs boto3/botocore and moto; only
localhost is contacted)
       python3 tools/capture_wire.py --readme-only   (rewrites README.md from the
       files already there, e.g. after adding captures without retaking moto's)
"""

import contextlib
import copy
import functools
import importlib.metadata
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import boto3
import botocore
import botocore.parsers
import botocore.session
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from urllib3 import HTTPHeaderDict

# The inputs (SAML assertion, tokens, fixed clock, the EKS Auth body) are the
# ones the payload captures use, so both data sets describe the same calls.
import capture_payloads as payloads

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "protocol"
MODELS = ROOT / "tools" / "models"
FOLDERS = ("requests", "responses", "response-variants", "errors")
HAND_WRITTEN = "FINDINGS.md"
SCRIPT = "tools/capture_wire.py"

REGION = payloads.REGION
ACCOUNT = payloads.ACCOUNT
STS_XMLNS = payloads.STS_XMLNS
HOST = "127.0.0.1"
MOTO_SEED = 1126  # moto's request ids and generated ids follow from it
# Fixed fake credentials for every client; no real credential is ever loaded.
ACCESS_KEY = "AKIAAWSAUTHEXAMPLE00"
SECRET_KEY = "awsauthFakeSecretAccessKeyForCaptures000"
UNKNOWN_ACCESS_KEY = "AKIAAWSAUTHNOSUCHKEY"  # a key moto's IAM has never issued
# Request headers that belong to signing, the SDK or HTTP rather than to the protocol.
NOT_PROTOCOL_HEADERS = ("Authorization", "X-Amz-Date", "X-Amz-Security-Token", "User-Agent",
                        "Content-Length", "amz-sdk-invocation-id", "amz-sdk-request")
# Each awkward input is joined with "x", which no percent or JSON escape contains,
# so splitting an encoded value on "x" gives each character's encoding back.
AWKWARD = (" ", "+", "&", "=", "/", "~", "*", "'", "(", ")", "!", "%", "é", "日本", "\n")
AWKWARD_VALUE = "x" + "x".join(AWKWARD) + "x"
FIXED_DATE = payloads.ISSUED.strftime("%a, %d %b %Y %H:%M:%S GMT")
CORAL = "http://internal.amazon.com/coral/com.amazonaws.eksauth/"
# The namespace suffix the SSO portal's x-amzn-ErrorType carries (botocore cuts it at the colon either way).
SSO_CORAL = "http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/"
# SSO's role credentials expire in epoch milliseconds: EXPIRES, in milliseconds.
SSO_EXPIRATION_MS = int(payloads.EXPIRES.timestamp()) * 1000


# --- environment and clients ------------------------------------------------------


def fake_environment():
    """payloads' offline environment, without the CLI's data path, in UTC, with no proxy for localhost."""
    payloads.fake_environment()
    os.environ.pop("AWS_DATA_PATH", None)  # importing awscli (through payloads) set it; boto3 alone is wanted
    os.environ.update({"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
                       "TZ": "UTC", "NO_PROXY": f"{HOST},localhost", "no_proxy": f"{HOST},localhost"})
    time.tzset()  # botocore gives timestamps tzlocal(); UTC makes their isoformat() the same everywhere


def client(service, endpoint_url=None, key=ACCESS_KEY, secret=SECRET_KEY, **config):
    """A boto3 client with one attempt per call, so each file holds exactly one exchange."""
    return boto3.session.Session().client(
        service, region_name=REGION, endpoint_url=endpoint_url,
        aws_access_key_id=key, aws_secret_access_key=secret,
        config=Config(retries={"total_max_attempts": 1}, **config))


def service_id(botocore_client):
    return botocore_client.meta.service_model.service_id.hyphenize()


class RawBody:
    """The `raw` object AWSResponse reads a canned body from."""

    def __init__(self, data):
        self._data = data

    def stream(self, **_):
        yield self._data


def answer_with(status, headers, body):
    """A before-send handler that answers every request with this canned HTTP response."""

    def handler(request, **_):
        return AWSResponse(request.url, status, HTTPHeaderDict(headers), RawBody(body))

    return handler


class LastExchange:
    """The raw HTTP response botocore is about to parse (before-parse fires even when parsing then fails)."""

    def __init__(self, botocore_client):
        self.status = self.headers = self.body = None
        botocore_client.meta.events.register(f"before-parse.{service_id(botocore_client)}", self._record)

    def _record(self, response_dict, **_):
        self.status = response_dict["status_code"]
        self.headers = dict(response_dict["headers"].items())  # names as received
        self.body = response_dict["body"]


def call(botocore_client, operation, params):
    """(response, None) or (None, exception): what the client returns or raises."""
    try:
        return getattr(botocore_client, botocore.xform_name(operation))(**params), None
    except Exception as error:  # recorded, not handled: which class botocore raises is the evidence
        return None, error


def jsonable(value):
    """boto3's response as JSON, timestamps as isoformat() (the boto3-isoformat convention).

    botocore can hand back raw XML elements (a member repeated in a response); they are written as
    "<XML element NAME text TEXT>" so the file shows it instead of the run failing.
    """

    def default(o):
        if isinstance(o, ElementTree.Element):
            return f"<XML element {o.tag} text {o.text!r}>"
        return o.isoformat()

    return json.loads(json.dumps(value, default=default))


def text(body):
    return body.decode("utf-8") if isinstance(body, bytes) else body


def exception_record(error):
    """What a test needs of a raised exception: its class, botocore's Error dict, the request id, the message."""
    response = getattr(error, "response", None)
    return {
        "exception": type(error).__name__,
        "exception_message": str(error),
        "botocore_error": response.get("Error") if response else None,
        "request_id": response.get("ResponseMetadata", {}).get("RequestId") if response else None,
        "parsed": jsonable(response) if response else None,
    }


def stem(service, operation, variant=""):
    name = f"{service}-{botocore.xform_name(operation, '-')}"
    return f"{name}-{variant}" if variant else name


@functools.cache
def service_model(service):
    return botocore.session.get_session().get_service_model(service)


def operation_model(service, operation):
    return service_model(service).operation_model(operation)


def put(files, name, record):
    if name in files:
        sys.exit(f"capture_wire: two captures write {name}")
    files[name] = record


def check_models_match_vendored():
    """The evidence must describe the models awsauth is generated from."""
    loader = botocore.session.get_session().get_component("data_loader")
    for service, version in (("sts", "2011-06-15"), ("eks-auth", "2023-11-26"), ("sso", "2019-06-10")):
        installed = loader.load_service_model(service, "service-2", version)
        vendored = json.loads((MODELS / f"{service}-{version}.json").read_text(encoding="utf-8"))
        if installed != vendored:
            sys.exit(f"capture_wire: botocore's {service} model differs from tools/models; recapture after vendoring")


# --- requests: what botocore's serializer sends -------------------------------------


@dataclass(frozen=True)
class RequestCase:
    service: str
    operation: str
    variant: str
    params: dict
    validate: bool = True  # botocore's client-side parameter validation


def policy_arns(count):
    names = ("ReadOnlyAccess", "SecurityAudit", "AmazonS3ReadOnlyAccess", "AmazonEC2ReadOnlyAccess",
             "AWSCloudTrail_ReadOnlyAccess", "AmazonDynamoDBReadOnlyAccess", "AmazonSQSReadOnlyAccess",
             "AmazonSNSReadOnlyAccess", "CloudWatchReadOnlyAccess", "IAMReadOnlyAccess")
    return [{"arn": f"arn:aws:iam::aws:policy/{name}"} for name in names[:count]]


def tags(count):
    return [{"Key": f"tag-{i:02d}", "Value": f"value-{i:02d}"} for i in range(1, count + 1)]


def provided_context(label):
    return {"ProviderArn": "arn:aws:iam::aws:contextProvider/IdentityCenter",
            "ContextAssertion": payloads.b64url(payloads.digest("context/" + label, 96))}


POLICY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"}]})
ROLE = f"arn:aws:iam::{ACCOUNT}:role/AuthTestRole"
MFA = f"arn:aws:iam::{ACCOUNT}:mfa/alice"

# Every member of every input, by operation; the minimal case takes the required ones.
STS_INPUTS = {
    "AssumeRole": {
        "RoleArn": ROLE, "RoleSessionName": "awsauth-full", "PolicyArns": policy_arns(2), "Policy": POLICY,
        "DurationSeconds": 1800, "Tags": tags(2), "TransitiveTagKeys": ["tag-01"],
        "ExternalId": "awsauth-external-id", "SerialNumber": MFA, "TokenCode": "123456",
        "SourceIdentity": "alice", "ProvidedContexts": [provided_context("1")],
    },
    "AssumeRoleWithSAML": {
        "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/SAMLRole",
        "PrincipalArn": f"arn:aws:iam::{ACCOUNT}:saml-provider/ExampleIdP",
        "SAMLAssertion": payloads.saml_assertion(), "PolicyArns": policy_arns(1), "Policy": POLICY,
        "DurationSeconds": 3600,
    },
    "AssumeRoleWithWebIdentity": {
        "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/WebIdentityRole", "RoleSessionName": "awsauth-web-identity",
        "WebIdentityToken": payloads.oidc_token(), "ProviderId": "www.amazon.com", "PolicyArns": policy_arns(1),
        "Policy": POLICY, "DurationSeconds": 3600,
    },
    "AssumeRoot": {
        "TargetPrincipal": "111122223333",
        "TaskPolicyArn": {"arn": "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"},
        "DurationSeconds": 900,
    },
    "DecodeAuthorizationMessage": {
        "EncodedMessage": payloads.b64url(payloads.digest("encoded-message", 600)),
    },
    "GetAccessKeyInfo": {"AccessKeyId": "AKIAI44QH8DHBEXAMPLE"},
    "GetCallerIdentity": {},
    "GetDelegatedAccessToken": {"TradeInToken": payloads.b64url(payloads.digest("trade-in", 180))},
    "GetFederationToken": {
        "Name": "federated-bob", "Policy": POLICY, "PolicyArns": policy_arns(1), "DurationSeconds": 3600,
        "Tags": tags(2),
    },
    "GetSessionToken": {"DurationSeconds": 3600, "SerialNumber": MFA, "TokenCode": "123456"},
    "GetWebIdentityToken": {
        "Audience": ["https://api.partner.example.com", "https://audit.partner.example.com"],
        "DurationSeconds": 300, "SigningAlgorithm": "RS256", "Tags": tags(2),
    },
}
EKS_INPUTS = {"AssumeRoleForPodIdentity": {"clusterName": "my-cluster", "token": payloads.service_account_token()}}
# AWS added these to AssumeRoleForPodIdentityRequest in 2026 (tools/models/overlay.json).
EKS_OVERLAY_MEMBERS = {"eksNodeName": "ip-10-0-1-23.ec2.internal", "instanceId": "i-0123456789abcdef0",
                       "zone": "use1-az1"}

# The SSO access token is the bearer token `aws sso login` caches (~/.aws/sso/cache/*.json accessToken); fake.
SSO_ACCESS_TOKEN = "aoa" + payloads.b64url(payloads.digest("sso-access-token", 180))
SSO_INPUTS = {
    "GetRoleCredentials": {"roleName": "ReadOnly", "accountId": ACCOUNT, "accessToken": SSO_ACCESS_TOKEN},
    "ListAccountRoles": {"nextToken": "page-2-of-roles", "maxResults": 10, "accessToken": SSO_ACCESS_TOKEN,
                         "accountId": ACCOUNT},
    "ListAccounts": {"nextToken": "page-2-of-accounts", "maxResults": 100, "accessToken": SSO_ACCESS_TOKEN},
    "Logout": {"accessToken": SSO_ACCESS_TOKEN},
}


def minimal_and_full(service, inputs):
    """Per operation, the required members and every member, both in the model's member order."""
    model = service_model(service)
    if sorted(inputs) != sorted(model.operation_names):
        sys.exit(f"capture_wire: {service} operations are {model.operation_names}, inputs cover {sorted(inputs)}")
    for operation, values in inputs.items():
        shape = model.operation_model(operation).input_shape
        members = list(shape.members) if shape else []
        if sorted(values) != sorted(members):
            sys.exit(f"capture_wire: {operation} members are {members}, inputs give {sorted(values)}")
        required = shape.required_members if shape else []
        full = {name: values[name] for name in members}
        minimal = {name: values[name] for name in members if name in required}
        yield RequestCase(service, operation, "minimal", minimal)
        yield RequestCase(service, operation, "full", full)


def request_cases():
    yield from minimal_and_full("sts", STS_INPUTS)
    yield from minimal_and_full("eks-auth", EKS_INPUTS)
    role = {"RoleArn": ROLE, "RoleSessionName": "awsauth-minimal"}
    yield RequestCase("sts", "AssumeRole", "50-tags", {**role, "Tags": tags(50)})
    yield RequestCase("sts", "AssumeRole", "10-policy-arns", {**role, "PolicyArns": policy_arns(10)})
    yield RequestCase("sts", "AssumeRole", "empty-lists", {**role, "PolicyArns": [], "TransitiveTagKeys": []})
    yield RequestCase("sts", "AssumeRole", "provided-contexts",
                      {**role, "ProvidedContexts": [provided_context("1"), provided_context("2")]})
    yield RequestCase("sts", "AssumeRole", "reversed-order",
                      dict(reversed(list(STS_INPUTS["AssumeRole"].items()))))
    yield RequestCase("sts", "AssumeRole", "awkward-values", {**role, "ExternalId": AWKWARD_VALUE})
    yield RequestCase("sts", "AssumeRoot", "empty-task-policy-arn",
                      {"TargetPrincipal": "111122223333", "TaskPolicyArn": {}})
    pod = EKS_INPUTS["AssumeRoleForPodIdentity"]
    yield RequestCase("eks-auth", "AssumeRoleForPodIdentity", "cluster-name-percent-encoded",
                      {**pod, "clusterName": "my cluster/é"})
    yield RequestCase("eks-auth", "AssumeRoleForPodIdentity", "cluster-name-awkward",
                      {**pod, "clusterName": AWKWARD_VALUE})
    yield RequestCase("eks-auth", "AssumeRoleForPodIdentity", "token-awkward", {**pod, "token": AWKWARD_VALUE})
    # botocore refuses an empty clusterName (min length 1) unless validation is off.
    yield RequestCase("eks-auth", "AssumeRoleForPodIdentity", "empty-cluster-name", {**pod, "clusterName": ""},
                      validate=False)
    yield from minimal_and_full("sso", SSO_INPUTS)
    role_credentials = SSO_INPUTS["GetRoleCredentials"]
    yield RequestCase("sso", "GetRoleCredentials", "role-name-awkward", {**role_credentials, "roleName": AWKWARD_VALUE})
    # The caller's order of the query members, reversed: does botocore keep it (as STS's form does) or the model's?
    yield RequestCase("sso", "ListAccountRoles", "reversed-order",
                      dict(reversed(list(SSO_INPUTS["ListAccountRoles"].items()))))
    yield RequestCase("sso", "ListAccounts", "max-results-1", {"accessToken": SSO_ACCESS_TOKEN, "maxResults": 1})


def empty_success_body(service, operation):
    """The smallest answer botocore parses without complaint, so the call returns normally."""
    if service in ("eks-auth", "sso"):
        return b"{}", "application/json"
    return (f'<{operation}Response xmlns="{STS_XMLNS}"><{operation}Result></{operation}Result>'
            f"<ResponseMetadata><RequestId>{payloads.request_id(operation)}</RequestId></ResponseMetadata>"
            f"</{operation}Response>").encode(), "text/xml"


def send_captured(case):
    """Call the operation through the real client; the before-send hook keeps the request and answers it."""
    botocore_client = client(case.service, parameter_validation=case.validate)
    body, content_type = empty_success_body(case.service, case.operation)
    canned = answer_with(200, {"Content-Type": content_type, "Content-Length": str(len(body))}, body)
    sent = []

    def keep_and_answer(request, **kwargs):
        sent.append(request)
        return canned(request, **kwargs)

    botocore_client.meta.events.register(f"before-send.{service_id(botocore_client)}.{case.operation}",
                                         keep_and_answer)
    _, error = call(botocore_client, case.operation, case.params)
    return (sent[0] if sent else None), error


def capture_request(case):
    request, error = send_captured(case)
    if error is not None:
        raise RuntimeError(f"{stem(case.service, case.operation, case.variant)}: {error!r}")
    url = urlsplit(request.url)
    headers = {name: text(value) for name, value in request.headers.items()}
    return {
        "service": case.service,
        "operation": case.operation,
        "params": case.params,
        "parameter_validation": case.validate,
        "method": request.method,
        "url": request.url,
        "path": url.path + (f"?{url.query}" if url.query else ""),
        "headers": {name: value for name, value in headers.items() if name not in NOT_PROTOCOL_HEADERS},
        "headers_dropped": [name for name in headers if name in NOT_PROTOCOL_HEADERS],
        "body": text(request.body or ""),
    }


def overlay_outcomes():
    """What botocore does with the 2026 EKS Auth members it does not model, validation on and off."""
    outcomes = {}
    for validate in (True, False):
        case = RequestCase("eks-auth", "AssumeRoleForPodIdentity", "overlay",
                           {**EKS_INPUTS["AssumeRoleForPodIdentity"], **EKS_OVERLAY_MEMBERS}, validate)
        request, error = send_captured(case)
        outcome = (f"raises {type(error).__name__}: {error}" if error is not None
                   else f"sends body {text(request.body)}")
        outcomes[validate] = code(" ".join(outcome.split()))
    return outcomes


# --- moto as a real server -------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def local_open(url, data=None):
    """urllib to localhost, never through a proxy; moto's API takes its arguments as plain text."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET",
                                     headers={"Content-Type": "text/plain"})
    with opener.open(request, timeout=5) as response:
        return response.read()


@contextlib.contextmanager
def moto_server():
    """`python3 -m moto.server` on a free port of 127.0.0.1, stopped on the way out, also on error."""
    port = free_port()
    url = f"http://{HOST}:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", HOST, "-p", str(port)],
                                   stdout=log, stderr=subprocess.STDOUT)
        try:
            for _ in range(200):
                if process.poll() is not None:
                    break
                try:
                    local_open(f"{url}/moto-api/")
                    break
                except (urllib.error.URLError, ConnectionError):
                    time.sleep(0.05)
            else:
                raise RuntimeError("moto server did not answer within 10 seconds")
            if process.poll() is not None:
                raise RuntimeError(f"moto server exited with {process.returncode}")
            local_open(f"{url}/moto-api/seed?a={MOTO_SEED}", b"")
            yield url
        except BaseException:
            log.seek(0)
            sys.stderr.write(log.read().decode(errors="replace")[-4000:])
            raise
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def exchange_record(exchange):
    return {"status": exchange.status, "headers": exchange.headers, "body": text(exchange.body)}


def moto_response(url, capture):
    botocore_client = client("sts", endpoint_url=url)
    exchange = LastExchange(botocore_client)
    response, error = call(botocore_client, capture.operation, capture.params)
    if error is not None:
        raise RuntimeError(f"moto {capture.operation}: {error!r}")
    return {"service": "sts", "operation": capture.operation, "source": "moto server",
            "params": capture.params, **exchange_record(exchange), "parsed": jsonable(response)}


def moto_error(url, operation, params, key=ACCESS_KEY, secret=SECRET_KEY, hooks=()):
    botocore_client = client("sts", endpoint_url=url, key=key, secret=secret)
    exchange = LastExchange(botocore_client)
    for event, handler in hooks:
        botocore_client.meta.events.register(event, handler)
    response, error = call(botocore_client, operation, params)
    if error is None:
        raise RuntimeError(f"moto {operation} succeeded where an error was expected: {response}")
    return {"service": "sts", "operation": operation, "source": "moto server", "params": params,
            **exchange_record(exchange), **exception_record(error)}


def moto_responses():
    """Every STS operation moto implements (the payload captures' inputs) plus inputs moto does not check."""
    implemented = [c for c in payloads.captures() if c.service == "sts" and not c.stub_body]
    yield from ((c.stem, c) for c in implemented)
    # Past the model's maximum (Name is 2..32 characters, DurationSeconds 900..43200); botocore checks
    # only minimums and moto does not check these at all, so both succeed.
    yield stem("sts", "GetFederationToken", "name-too-long"), payloads.Capture(
        "sts", "GetFederationToken", {"Name": "federated-" + "n" * 23})
    yield stem("sts", "AssumeRole", "duration-too-long"), payloads.Capture(
        "sts", "AssumeRole", {"RoleArn": ROLE, "RoleSessionName": "awsauth-long", "DurationSeconds": 43201})


def rename_action(new_action):
    """A before-sign hook: the form names another Action (botocore signs and sends what it then holds)."""

    def handler(request, **_):
        request.data["Action"] = new_action

    return handler


def capture_moto(files):
    with moto_server() as url:
        for name, capture in moto_responses():
            put(files, f"responses/{name}.json", moto_response(url, capture))

        long_policy = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::bucket-{i:03d}/*"}
            for i in range(40)]})
        errors = {
            stem("sts", "AssumeRole", "role-session-name-too-long"): moto_error(
                url, "AssumeRole", {"RoleArn": ROLE, "RoleSessionName": "s" * 65}),
            stem("sts", "GetFederationToken", "policy-too-long"): moto_error(
                url, "GetFederationToken", {"Name": "federated-bob", "Policy": long_policy}),
            stem("sts", "AssumeRoot", "not-implemented"): moto_error(url, "AssumeRoot", {
                "TargetPrincipal": "111122223333", "TaskPolicyArn": STS_INPUTS["AssumeRoot"]["TaskPolicyArn"]}),
            stem("sts", "GetCallerIdentity", "unknown-action"): moto_error(
                url, "GetCallerIdentity", {}, hooks=[("before-sign.sts.GetCallerIdentity",
                                                      rename_action("NoSuchAction"))]),
        }
        errors[stem("sts", "GetCallerIdentity", "unknown-action")]["sent_action"] = "NoSuchAction"

        # moto checks signatures and IAM policies only once its auth is on: make a user with a key and no
        # policy while it is off, then turn it on for every later request.
        iam = client("iam", endpoint_url=url)
        iam.create_user(UserName="no-permissions")
        key = iam.create_access_key(UserName="no-permissions")["AccessKey"]
        local_open(f"{url}/moto-api/reset-auth", b"0")
        errors[stem("sts", "GetCallerIdentity", "invalid-client-token-id")] = moto_error(
            url, "GetCallerIdentity", {}, key=UNKNOWN_ACCESS_KEY)
        errors[stem("sts", "GetCallerIdentity", "signature-does-not-match")] = moto_error(
            url, "GetCallerIdentity", {}, key=key["AccessKeyId"], secret=SECRET_KEY)
        errors[stem("sts", "AssumeRole", "access-denied")] = moto_error(
            url, "AssumeRole", {"RoleArn": ROLE, "RoleSessionName": "awsauth-denied"},
            key=key["AccessKeyId"], secret=key["SecretAccessKey"])
        for name, record in errors.items():
            put(files, f"errors/{name}.json", record)


# --- response variants: moto's AssumeRole answer, changed one way at a time -----------------


class Markup(str):
    """Raw XML text placed among an element's children (a comment, a self-closing tag)."""


@dataclass
class Node:
    """An element of a query-protocol answer: a name and either text or children (moto writes no mixed content)."""

    name: str
    text: str = ""
    children: list = field(default_factory=list)


def read_tree(body):
    def convert(element):
        return Node(re.sub(r"^\{.*\}", "", element.tag), element.text or "", [convert(c) for c in element])

    return convert(ElementTree.fromstring(body))


def render(node, prefix="", namespace=STS_XMLNS, indent=None, depth=0):
    """The XML text of `node`: a leaf's text is escaped unless it is Markup, Markup children go in verbatim."""
    if isinstance(node, Markup):
        return node
    tag = f"{prefix}:{node.name}" if prefix else node.name
    declaration = ""
    if depth == 0 and namespace is not None:
        declaration = f' xmlns{":" + prefix if prefix else ""}="{namespace}"'
    if node.children:
        pad = "" if indent is None else "\n" + " " * (indent * (depth + 1))
        close_pad = "" if indent is None else "\n" + " " * (indent * depth)
        inner = "".join(pad + render(c, prefix, namespace, indent, depth + 1) for c in node.children) + close_pad
    else:
        inner = node.text if isinstance(node.text, Markup) else escape(node.text)
    return f"<{tag}{declaration}>{inner}</{tag}>"


def walk(node):
    yield node
    for c in node.children:
        if not isinstance(c, Markup):
            yield from walk(c)


def find(tree, name):
    return next(n for n in walk(tree) if n.name == name)


def unknown_element(label):
    """An element no model knows, holding children named like real members, which must not be read."""
    return Node(f"Unknown{label}", children=[
        Node("AccessKeyId", f"NOT-THE-KEY-{label}"),
        Node("Nested", children=[Node("Expiration", "not-a-date"), Node("Extra", "x")]),
    ])


def variants(tree):
    """(name, description, body) for each variation of the real AssumeRole answer `tree`."""
    expiration = find(tree, "Expiration").text  # moto's spelling
    seconds = re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", expiration).group(0)
    key = find(tree, "AccessKeyId").text
    session = find(tree, "AssumedRoleId").text
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'

    def changed(*edits, prologue="", **options):
        edited = copy.deepcopy(tree)
        for edit in edits:
            edit(edited)
        return (prologue + render(edited, **options)).encode()

    def set_text(name, value):
        return lambda t: setattr(find(t, name), "text", value)

    def insert(parent, index, node):
        return lambda t: find(t, parent).children.insert(index, node)

    def append(parent, node):
        return lambda t: find(t, parent).children.append(node)

    def remove(name):
        return lambda t: t.children.remove(find(t, name))

    def reverse_all(t):
        for node in walk(t):
            node.children.reverse()

    middle = len(find(tree, "Credentials").children) // 2
    yield "unchanged", "moto's body as received (the control for every other variant)", changed()
    yield "pretty-printed", "indented by two spaces, one element per line, final newline", (
        changed(indent=2) + b"\n")
    yield "xml-declaration", 'an <?xml version="1.0" encoding="UTF-8"?> declaration and a newline first', changed(
        prologue=declaration)
    yield "utf8-bom", "a UTF-8 byte order mark, then the XML declaration", b"\xef\xbb\xbf" + changed(
        prologue=declaration)
    yield "unknown-elements", (
        "elements no model knows, with children named AccessKeyId/Expiration, under the root (first), the "
        "Result (first), Credentials (middle), AssumedRoleUser (last) and ResponseMetadata (last)"), changed(
            lambda t: t.children.insert(0, unknown_element("Root")),
            insert("AssumeRoleResult", 0, unknown_element("Result")),
            insert("Credentials", middle, unknown_element("Credentials")),
            append("AssumedRoleUser", unknown_element("AssumedRoleUser")),
            append("ResponseMetadata", unknown_element("Metadata")))
    yield "comments", "a comment before the root element and one between two Credentials members", changed(
        insert("Credentials", middle, Markup("<!-- between -->")), prologue="<!-- before the root -->")
    yield "comment-inside-value", "a comment splitting the AccessKeyId text in two", changed(
        set_text("AccessKeyId", Markup(f"{escape(key[:8])}<!-- inside -->{escape(key[8:])}")))
    yield "cdata", "the SessionToken text inside a CDATA section", changed(
        set_text("SessionToken", Markup(f"<![CDATA[{find(tree, 'SessionToken').text}]]>")))
    yield "entity-references", (
        "AssumedRoleId text + '-&amp;&lt;&gt;&quot;&apos;-&#x41;&#65;' (predefined entities, hex and decimal "
        "character references)"), changed(
            set_text("AssumedRoleId", Markup(f"{escape(session)}-&amp;&lt;&gt;&quot;&apos;-&#x41;&#65;")))
    yield "namespace-prefix", "every element prefixed sts:, the namespace declared as xmlns:sts", changed(
        prefix="sts")
    yield "namespace-unexpected", "the default namespace is https://example.com/not-sts/", changed(
        namespace="https://example.com/not-sts/")
    yield "namespace-none", "no xmlns at all", changed(namespace=None)
    yield "reversed-order", "the children of every element in reverse order (ResponseMetadata first)", changed(
        reverse_all)
    for digits in (0, 3, 6, 9):
        value = seconds + ("." + "123456789"[:digits] if digits else "") + "Z"
        yield (f"expiration-fraction-{digits}", f"Expiration {value} ({digits} fraction digits)",
               changed(set_text("Expiration", value)))
    for label, offset in (("z", "Z"), ("plus-00-00", "+00:00"), ("plus-02-00", "+02:00"), ("none", "")):
        value = seconds + offset
        yield f"expiration-offset-{label}", f"Expiration {value}", changed(set_text("Expiration", value))
    yield "expiration-epoch-seconds", "Expiration 1795537123 (epoch seconds)", changed(
        set_text("Expiration", "1795537123"))
    yield "expiration-invalid", "Expiration text 'not a date'", changed(set_text("Expiration", "not a date"))
    yield "whitespace-string", "AccessKeyId text with a newline and spaces before and after", changed(
        set_text("AccessKeyId", f"\n  {key}  \n"))
    yield "whitespace-timestamp", "Expiration text with a newline and spaces before and after", changed(
        set_text("Expiration", f"\n  {expiration}  \n"))
    yield "whitespace-integer", "PackedPolicySize text with spaces before and after", changed(
        set_text("PackedPolicySize", "  6  "))
    yield "integer-not-a-number", "PackedPolicySize text 'six'", changed(set_text("PackedPolicySize", "six"))
    yield "empty-leaf", "an empty <SourceIdentity></SourceIdentity> at the end of the Result", changed(
        append("AssumeRoleResult", Node("SourceIdentity", "")))
    yield "empty-leaf-self-closing", "an empty <SourceIdentity/> at the end of the Result", changed(
        append("AssumeRoleResult", Markup("<SourceIdentity/>")))
    yield "empty-structure", "<AssumedRoleUser></AssumedRoleUser> with no children", changed(
        lambda t: setattr(find(t, "AssumedRoleUser"), "children", []))
    yield "empty-list-element-unknown", (
        "an empty <Tags></Tags> at the end of the Result: no STS output has a list member, so the closest case "
        "is an empty list-like element no model knows"), changed(append("AssumeRoleResult", Node("Tags", "")))
    yield "duplicate-leaf", "AccessKeyId twice in Credentials (the second one DUPLICATE)", changed(
        insert("Credentials", 1, Node("AccessKeyId", "DUPLICATE")))
    yield "no-response-metadata", "the ResponseMetadata element removed (the x-amzn-requestid header stays)", (
        changed(remove("ResponseMetadata")))
    yield "wrong-root-name", "the root element named GetSessionTokenResponse", changed(
        lambda t: setattr(t, "name", "GetSessionTokenResponse"))
    yield "missing-result", "the AssumeRoleResult element removed", changed(remove("AssumeRoleResult"))
    yield "doctype-internal-entity", (
        "a DOCTYPE declaring <!ENTITY who \"entity-expanded\">, and &who; at the end of AssumedRoleId"), changed(
            set_text("AssumedRoleId", Markup(escape(session) + "-&who;")),
            prologue='<!DOCTYPE AssumeRoleResponse [<!ENTITY who "entity-expanded">]>')
    yield "doctype-external-entity", (
        "a DOCTYPE declaring an external entity (SYSTEM file:///nonexistent/awsauth-capture), &ext; at the end of "
        "AssumedRoleId"), changed(
            set_text("AssumedRoleId", Markup(escape(session) + "-&ext;")),
            prologue='<!DOCTYPE AssumeRoleResponse [<!ENTITY ext SYSTEM "file:///nonexistent/awsauth-capture">]>')


def query_parse(operation, status, headers, body):
    """botocore's QueryParser on one response: ("parsed", value) or ("error", {type, message})."""
    try:
        parsed = botocore.parsers.QueryParser().parse(
            {"body": body, "headers": HTTPHeaderDict(headers), "status_code": status},
            operation_model("sts", operation).output_shape)
        return "parsed", jsonable(parsed)
    except Exception as error:  # the exception is the evidence
        return "error", {"type": type(error).__name__, "message": str(error)}


def capture_variants(files):
    base_name = "responses/" + stem("sts", "AssumeRole", "full") + ".json"
    base = files[base_name]
    tree = read_tree(base["body"].encode())
    if render(tree) != base["body"]:
        sys.exit("capture_wire: moto's AssumeRole body is not in the layout the variants assume")
    request_id = next(v for k, v in base["headers"].items() if k.lower() == "x-amzn-requestid")
    headers = {"Content-Type": "text/xml", "x-amzn-requestid": request_id}
    for name, description, body in variants(tree):
        key, outcome = query_parse("AssumeRole", 200, headers, body)
        put(files, f"response-variants/{stem('sts', 'AssumeRole', name)}.json", {
            "service": "sts", "operation": "AssumeRole", "derived_from": base_name, "variation": description,
            "status": 200, "headers": headers, "body": body.decode("utf-8"), key: outcome})


# --- hand-made errors and EKS Auth answers, served by a before-send hook ----------------------


def canned_call(service, operation, params, status, headers, body):
    """What the client does with this HTTP response: (response, exception)."""
    botocore_client = client(service)
    botocore_client.meta.events.register(f"before-send.{service_id(botocore_client)}.{operation}",
                                         answer_with(status, headers, body))
    return call(botocore_client, operation, params)


def minimal_params(service, operation):
    inputs = {"sts": STS_INPUTS, "eks-auth": EKS_INPUTS, "sso": SSO_INPUTS}[service]
    shape = operation_model(service, operation).input_shape
    return {name: inputs[operation][name] for name in (shape.required_members if shape else [])}


def hand_made(service, operation, status, headers, body, note):
    """A hand-made response through botocore's parser directly and through the client."""
    parser = botocore.parsers.QueryParser() if service == "sts" else botocore.parsers.RestJSONParser()
    try:
        parser_output = jsonable(parser.parse(
            {"body": body, "headers": HTTPHeaderDict(headers), "status_code": status},
            operation_model(service, operation).output_shape))
    except Exception as error:  # the exception is the evidence
        parser_output = {"raised": type(error).__name__, "message": str(error)}
    params = minimal_params(service, operation)
    response, error = canned_call(service, operation, params, status, headers, body)
    record = {"service": service, "operation": operation, "source": "hand-made, served by a before-send hook",
              "note": note, "params": params, "status": status, "headers": headers, "body": text(body),
              "parser_output": parser_output}
    if error is not None:
        record.update(exception_record(error))
    else:
        record.update({"exception": None, "exception_message": None, "botocore_error": None,
                       "request_id": response.get("ResponseMetadata", {}).get("RequestId"),
                       "parsed": jsonable(response)})
    return record


def content_type_for(body):
    """The Content-Type a hand-made EKS Auth answer carries: JSON when it is JSON, else by its look."""
    try:
        json.loads(body)
        return "application/json"
    except ValueError:
        return "text/html" if body.startswith(b"<") else "text/plain"


def response_headers(label, content_type, body, **extra):
    return {"x-amzn-RequestId": payloads.request_id(label), **extra, "Content-Type": content_type,
            "Content-Length": str(len(body)), "Date": FIXED_DATE}


# STS error codes: (code, HTTP status, operation that can answer with it, message).
STS_ERRORS = [
    # The five whose wire code is not their shape name, each also with the shape name as the code.
    *[(code, status, operation, f"Example message for {code}.")
      for wire, status, operation in (
          ("IDPCommunicationError", 400, "AssumeRoleWithWebIdentity"),
          ("IDPRejectedClaim", 403, "AssumeRoleWithWebIdentity"),
          ("InvalidIdentityToken", 400, "AssumeRoleWithWebIdentity"),
          ("MalformedPolicyDocument", 400, "AssumeRole"),
          ("PackedPolicyTooLarge", 400, "AssumeRole"))
      for code in (wire, wire + "Exception")],
    # Modeled codes that equal their shape names.
    ("ExpiredTokenException", 400, "AssumeRole", "The security token included in the request is expired"),
    ("ExpiredTradeInTokenException", 400, "GetDelegatedAccessToken",
     "Example message for ExpiredTradeInTokenException."),
    ("InvalidAuthorizationMessageException", 400, "DecodeAuthorizationMessage",
     "Example message for InvalidAuthorizationMessageException."),
    ("JWTPayloadSizeExceededException", 400, "GetWebIdentityToken",
     "Example message for JWTPayloadSizeExceededException."),
    ("OutboundWebIdentityFederationDisabledException", 403, "GetWebIdentityToken",
     "Example message for OutboundWebIdentityFederationDisabledException."),
    ("RegionDisabledException", 403, "AssumeRole", "STS is not activated in this region for account:123456789012."),
    ("SessionDurationEscalationException", 403, "GetWebIdentityToken",
     "Example message for SessionDurationEscalationException."),
    # Codes STS answers with that no model declares.
    ("ExpiredToken", 400, "GetCallerIdentity", "The security token included in the request is expired"),
    ("InvalidClientTokenId", 403, "GetCallerIdentity", "The security token included in the request is invalid."),
    ("ValidationError", 400, "AssumeRole",
     "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: "
     "Member must have value less than or equal to 43200"),
    ("AccessDenied", 403, "AssumeRole",
     f"User: arn:aws:iam::{ACCOUNT}:user/alice is not authorized to perform: sts:AssumeRole on resource: {ROLE}"),
    ("Throttling", 400, "GetCallerIdentity", "Rate exceeded"),
]


def sts_error_body(code, message, label):
    return (f'<ErrorResponse xmlns="{STS_XMLNS}">\n'
            f"  <Error>\n    <Type>Sender</Type>\n    <Code>{code}</Code>\n"
            f"    <Message>{escape(message)}</Message>\n  </Error>\n"
            f"  <RequestId>{payloads.request_id(label)}</RequestId>\n</ErrorResponse>\n").encode()


def capture_sts_errors(files):
    for code, status, operation, message in STS_ERRORS:
        # "code-" keeps these apart from moto's real errors of the same code (access-denied, ...).
        name = stem("sts", operation, "code-" + botocore.xform_name(code, "-"))
        body = sts_error_body(code, message, name)
        put(files, f"errors/{name}.json", hand_made(
            "sts", operation, status, response_headers(name, "text/xml", body), body,
            f"STS <ErrorResponse> with Code {code}"))
    for variant, status, content_type, body, note in (
            ("503-empty-body", 503, "text/plain", b"", "503 with an empty body"),
            ("503-html", 503, "text/html", b"<html><body><b>Http/1.1 Service Unavailable</b></body></html>",
             "503 with an HTML body, as a proxy or load balancer sends"),
            ("500-whitespace", 500, "text/plain", b"  \n\t\n", "500 with whitespace only"),
            ("400-empty-body", 400, "text/xml", b"", "400 with an empty body"),
    ):
        name = stem("sts", "GetCallerIdentity", variant)
        put(files, f"errors/{name}.json", hand_made(
            "sts", "GetCallerIdentity", status, response_headers(name, content_type, body), body, note))


def eks_error_cases():
    """(variant, status, extra headers, body, note) for EKS Auth AssumeRoleForPodIdentity."""
    for shape in service_model("eks-auth").error_shapes:
        status = shape.metadata["error"]["httpStatusCode"]
        body = json.dumps({"message": f"Example message for {shape.name}."}).encode()
        yield (botocore.xform_name(shape.name, "-"), status, {"x-amzn-ErrorType": f"{shape.name}:{CORAL}"}, body,
               f"modeled {shape.name}, HTTP {status}, typed by x-amzn-ErrorType with the Coral namespace suffix")

    def body(**members):
        return json.dumps(members).encode()

    message = "Example message."
    yield ("type-header-without-suffix", 400, {"x-amzn-ErrorType": "AccessDeniedException"},
           body(message=message), "x-amzn-ErrorType without a namespace suffix")
    yield ("code-in-body-code", 400, {}, body(code="InvalidTokenException", message=message),
           "no x-amzn-ErrorType; body member code")
    yield ("code-in-body-code-capitalized", 400, {}, body(Code="InvalidTokenException", message=message),
           "no x-amzn-ErrorType; body member Code")
    yield ("code-in-body-type", 400, {}, body(__type="com.amazonaws.eksauth#InvalidTokenException",
                                              message=message),
           "no x-amzn-ErrorType; body member __type with a namespace#")
    yield ("code-from-status-only", 400, {}, body(message=message), "no code anywhere, only the status")
    yield ("message-capitalized", 400, {"x-amzn-ErrorType": f"AccessDeniedException:{CORAL}"},
           body(Message="Capitalized message."), "message in body member Message")
    yield ("message-both-spellings", 400, {"x-amzn-ErrorType": f"AccessDeniedException:{CORAL}"},
           body(message="lower-case message", Message="Capitalized message"),
           "body with both message and Message")
    yield ("code-sources-disagree", 400, {"x-amzn-ErrorType": f"ExpiredTokenException:{CORAL}"},
           body(code="InvalidRequestException", Code="InvalidParameterException",
                __type="com.amazonaws.eksauth#InvalidTokenException", message=message),
           "x-amzn-ErrorType, code, Code and __type all name different errors")
    yield ("body-codes-disagree", 400, {},
           body(code="InvalidRequestException", Code="InvalidParameterException",
                __type="com.amazonaws.eksauth#InvalidTokenException", message=message),
           "no x-amzn-ErrorType; code, Code and __type name different errors")
    yield ("body-code-capitalized-and-type-disagree", 400, {},
           body(Code="InvalidParameterException", __type="com.amazonaws.eksauth#InvalidTokenException",
                message=message),
           "no x-amzn-ErrorType; Code and __type name different errors")
    yield ("unmodeled-code", 403, {"x-amzn-ErrorType": f"UnrecognizedClientException:{CORAL}"},
           body(message="The security token included in the request is invalid."),
           "a code EKS Auth's model does not declare")
    yield "503-empty-body", 503, {}, b"", "503 with an empty body"
    yield ("503-html", 503, {}, b"<html><body><b>Http/1.1 Service Unavailable</b></body></html>",
           "503 with an HTML body")
    yield "500-whitespace", 500, {}, b"  \n\t\n", "500 with whitespace only"
    yield "400-not-json", 400, {}, b"Bad Request", "400 with a body that is not JSON"
    yield "400-empty-body", 400, {}, b"", "400 with an empty body"


def capture_rest_json_errors(files, service, operation, cases):
    """The hand-made error answers of a restJson1 operation, each with what botocore's parser makes of it."""
    for variant, status, extra, body, note in cases:
        name = stem(service, operation, variant)
        put(files, f"errors/{name}.json", hand_made(
            service, operation, status, response_headers(name, content_type_for(body), body, **extra), body, note))


def eks_success_cases():
    """(variant, body, note): AssumeRoleForPodIdentity answers built from the model, then odd 2xx bodies."""
    for variant, literal in payloads.EKS_EXPIRATIONS.items():
        yield ("" if variant == "epoch-int" else variant), payloads.eks_body(literal), f"expiration {literal}"
    built = json.loads(payloads.eks_body("1795537123"))

    def with_expiration(value):
        return json.dumps({**built, "credentials": {**built["credentials"], "expiration": value}}).encode()

    yield ("expiration-iso-string", with_expiration(payloads.wire_time(payloads.EXPIRES)),
           "expiration as an ISO 8601 string")
    yield "expiration-numeric-string", with_expiration("1795537123"), "expiration as a string of digits"
    yield ("unknown-members", json.dumps({**built, "unknownTop": {"x": 1},
                                          "credentials": {**built["credentials"], "unknownInner": "x"}}).encode(),
           "members no model knows, at the top and inside credentials")
    yield ("missing-credentials", json.dumps({k: v for k, v in built.items() if k != "credentials"}).encode(),
           "the required credentials member left out")
    yield "not-json", b"<html><body>OK</body></html>", "a 200 whose body is not JSON"
    yield "empty-body", b"", "a 200 with an empty body"
    yield "null-body", b"null", "a 200 whose body is the JSON literal null"
    yield "array-body", b"[]", "a 200 whose body is a JSON array"


def capture_eks_responses(files):
    params = EKS_INPUTS["AssumeRoleForPodIdentity"]
    for variant, body, note in eks_success_cases():
        name = stem("eks-auth", "AssumeRoleForPodIdentity", variant)
        headers = response_headers(name, content_type_for(body), body)
        response, error = canned_call("eks-auth", "AssumeRoleForPodIdentity", params, 200, headers, body)
        record = {"service": "eks-auth", "operation": "AssumeRoleForPodIdentity",
                  "source": "hand-built from the model, served by a before-send hook", "note": note,
                  "params": params, "status": 200, "headers": headers, "body": text(body)}
        if error is None:
            record["parsed"] = jsonable(response)
        else:
            record["error"] = {"type": type(error).__name__, "message": str(error)}
        put(files, f"responses/{name}.json", record)


def sso_role_credentials_body(expiration, **members):
    """A GetRoleCredentials answer as the portal sends it (members in model order), `expiration` the JSON literal."""
    creds = payloads.credentials("sso")
    role_credentials = {"accessKeyId": creds["AccessKeyId"], "secretAccessKey": creds["SecretAccessKey"],
                        "sessionToken": creds["SessionToken"], "expiration": "@EXPIRATION@", **members}
    text = json.dumps({"roleCredentials": role_credentials}, separators=(",", ":"))
    return text.replace('"@EXPIRATION@"', expiration).encode()


def sso_success_cases():
    """(operation, variant, body, note): SSO answers built from the model, then odd ones for GetRoleCredentials."""
    yield ("GetRoleCredentials", "", sso_role_credentials_body(str(SSO_EXPIRATION_MS)),
           "expiration in epoch milliseconds, as the portal sends it")
    yield ("GetRoleCredentials", "expiration-int64-max", sso_role_credentials_body("9223372036854775807"),
           "expiration the largest long")
    yield ("GetRoleCredentials", "expiration-beyond-2-53", sso_role_credentials_body("9007199254740993"),
           "expiration 2^53 + 1, which a double cannot hold")
    yield ("GetRoleCredentials", "expiration-fraction", sso_role_credentials_body(f"{SSO_EXPIRATION_MS}.5"),
           "expiration with a fraction")
    yield ("GetRoleCredentials", "expiration-string", sso_role_credentials_body(f'"{SSO_EXPIRATION_MS}"'),
           "expiration as a string of digits")
    yield ("GetRoleCredentials", "unknown-members",
           sso_role_credentials_body(str(SSO_EXPIRATION_MS), futureMember="x"),
           "a member no model knows inside roleCredentials")
    yield "GetRoleCredentials", "empty-object", b"{}", "no roleCredentials at all (the model makes it optional)"
    yield "GetRoleCredentials", "empty-body", b"", "a 200 with an empty body"
    yield ("ListAccounts", "", json.dumps({"nextToken": "page-3-of-accounts", "accountList": [
        {"accountId": ACCOUNT, "accountName": "production", "emailAddress": "aws-prod@example.com"},
        {"accountId": "210987654321", "accountName": "sandbox", "emailAddress": "aws-sandbox@example.com"}]},
        separators=(",", ":")).encode(), "two accounts and a next page")
    yield ("ListAccountRoles", "", json.dumps({"nextToken": "page-3-of-roles", "roleList": [
        {"roleName": "ReadOnly", "accountId": ACCOUNT}, {"roleName": "AdministratorAccess", "accountId": ACCOUNT}]},
        separators=(",", ":")).encode(), "two roles and a next page")
    yield "Logout", "", b"", "Logout is answered with a 200 and no body"


def capture_sso_responses(files):
    for operation, variant, body, note in sso_success_cases():
        name = stem("sso", operation, variant)
        params = minimal_params("sso", operation)
        headers = response_headers(name, content_type_for(body) if body else "application/json", body)
        response, error = canned_call("sso", operation, params, 200, headers, body)
        record = {"service": "sso", "operation": operation,
                  "source": "hand-built from the model, served by a before-send hook", "note": note,
                  "params": params, "status": 200, "headers": headers, "body": text(body)}
        if error is None:
            record["parsed"] = jsonable(response)
        else:
            record["error"] = {"type": type(error).__name__, "message": str(error)}
        put(files, f"responses/{name}.json", record)


def sso_error_cases():
    """(variant, status, extra headers, body, note) for SSO GetRoleCredentials."""
    for shape in service_model("sso").error_shapes:
        status = shape.metadata["error"]["httpStatusCode"]
        body = json.dumps({"message": f"Example message for {shape.name}."}).encode()
        yield (botocore.xform_name(shape.name, "-"), status, {"x-amzn-ErrorType": f"{shape.name}:{SSO_CORAL}"},
               body, f"modeled {shape.name}, HTTP {status}, typed by x-amzn-ErrorType with a namespace suffix")
    yield ("unauthorized-session-token", 401, {"x-amzn-ErrorType": "UnauthorizedException"},
           json.dumps({"message": "Session token not found or invalid"}).encode(),
           "the message the AWS CLI shows for an expired `aws sso login` token, without a namespace suffix")
    yield ("forbidden-no-access", 403, {"x-amzn-ErrorType": f"ForbiddenException:{SSO_CORAL}"},
           json.dumps({"message": "No access"}).encode(), "a code SSO's model does not declare")
    yield ("code-in-body-type", 400, {},
           json.dumps({"__type": "com.amazonaws.switchboard.portal#InvalidRequestException",
                       "message": "Example message."}).encode(),
           "no x-amzn-ErrorType; body member __type with a namespace#")
    yield "503-empty-body", 503, {}, b"", "503 with an empty body"
    yield "400-not-json", 400, {}, b"Bad Request", "400 with a body that is not JSON"


# --- README ---------------------------------------------------------------------------------


def table(header, rows):
    def cell(value):
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]


def code(value):
    """`value` as Markdown inline code, with a visible stand-in for what code spans cannot show."""
    shown = value.replace("\n", "\\n")
    if shown == "":
        return "(empty)"
    if shown.strip() == "":
        return f"`{shown}` (whitespace)"
    return f"`` {shown} ``" if "`" in shown else f"`{shown}`"


def plain(value):
    """Text for a Markdown cell, with markup characters shown rather than interpreted."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def form_pairs(body):
    return [pair.split("=", 1) for pair in body.split("&")]


def split_awkward(encoded):
    parts = encoded.split("x")
    if len(parts) != len(AWKWARD) + 2 or parts[0] or parts[-1]:
        raise ValueError(f"cannot split {encoded!r} into the awkward characters")
    return parts[1:-1]


def request_observations(files):
    req = {name[len("requests/"):-len(".json")]: record for name, record in files.items()
           if name.startswith("requests/")}
    lines = []
    content_types = {}
    for name, record in sorted(req.items()):
        headers = {name: "<accessToken>" if value == SSO_ACCESS_TOKEN else value
                   for name, value in record["headers"].items()}
        content_types.setdefault(record["service"], set()).add(json.dumps(headers, ensure_ascii=False))
    lines += ["### Headers", "", "The protocol headers botocore sets, per service, in every request file "
              "(signing, user agent, date, length and SDK retry headers are dropped and listed per file):", ""]
    for service, seen in sorted(content_types.items()):
        lines.append(f"- {service}: " + " or ".join(f"`{s}`" for s in sorted(seen)))
    sts = {n: r for n, r in req.items() if r["service"] == "sts"}
    first_two = {"&".join(r["body"].split("&")[:2]) == f"Action={r['operation']}&Version=2011-06-15"
                 for r in sts.values()}
    lines += ["", "### STS (query protocol)", ""]
    lines.append("- Every STS body starts `Action=<Operation>&Version=2011-06-15`: "
                 f"{'true' if first_two == {True} else 'FALSE for some file'} for all {len(sts)} STS files; "
                 "every STS request is "
                 + " or ".join(f"`{m}`" for m in sorted({r['method'] + ' ' + r['path'] for r in sts.values()}))
                 + " to " + " or ".join(f"`{h}`" for h in sorted({urlsplit(r['url']).netloc for r in sts.values()}))
                 + ".")

    def top_names(name):
        names = []
        for key, _ in form_pairs(req[name]["body"])[2:]:
            top = key.split(".", 1)[0]
            if top not in names:
                names.append(top)
        return ", ".join(names)

    def keys(name, prefix):
        return [key for key, _ in form_pairs(req[name]["body"]) if key.startswith(prefix)]

    def pairs(name, prefix):
        return [code(f"{key}={value}") for key, value in form_pairs(req[name]["body"]) if key.startswith(prefix)]

    tags50 = keys("sts-assume-role-50-tags", "Tags.")
    arns = keys("sts-assume-role-10-policy-arns", "PolicyArns")
    lines += [
        "- Member order follows the order of the caller's parameters, not the model: `sts-assume-role-full` "
        f"(params in model order) sends {top_names('sts-assume-role-full')}; `sts-assume-role-reversed-order` "
        f"(same params reversed) sends {top_names('sts-assume-role-reversed-order')}.",
        "- Lists of structures are `Name.member.N.Member`, N from 1 in list order, each entry's members together: "
        f"`sts-assume-role-50-tags` sends {len(tags50)} keys: `{tags50[0]}`, `{tags50[1]}`, `{tags50[2]}` ... "
        f"`{tags50[17]}`, `{tags50[18]}` (entry 10 right after 9) ... `{tags50[-1]}`.",
        "- The PolicyDescriptorType member keeps its lower-case model name: `sts-assume-role-10-policy-arns` sends "
        f"`{arns[0]}` ... `{arns[-1]}`.",
        "- Lists of strings are `Name.member.N`: `sts-get-web-identity-token-full` sends "
        + ", ".join(f"`{k}`" for k in keys("sts-get-web-identity-token-full", "Audience")) + "; "
        "`sts-assume-role-full` sends " + ", ".join(pairs("sts-assume-role-full", "TransitiveTagKeys")) + ".",
        "- An empty list is the bare name with an empty value: `sts-assume-role-empty-lists` (PolicyArns=[], "
        "TransitiveTagKeys=[]) sends "
        + ", ".join(pairs("sts-assume-role-empty-lists", ("PolicyArns", "TransitiveTagKeys"))) + ".",
        "- An empty structure sends nothing at all, even a required one: `sts-assume-root-empty-task-policy-arn` "
        f"(TaskPolicyArn={{}}) sends {code(req['sts-assume-root-empty-task-policy-arn']['body'])}; with its arn set, "
        "`sts-assume-root-minimal` sends " + ", ".join(pairs("sts-assume-root-minimal", "TaskPolicyArn")) + ".",
        "- `sts-assume-role-provided-contexts` sends "
        + ", ".join(f"`{k}`" for k in keys("sts-assume-role-provided-contexts", "ProvidedContexts")) + ".",
        "- Integers are plain decimal: `sts-assume-role-full` sends "
        + ", ".join(pairs("sts-assume-role-full", "DurationSeconds")) + ".",
    ]

    external = dict(form_pairs(req["sts-assume-role-awkward-values"]["body"]))["ExternalId"]
    path = req["eks-auth-assume-role-for-pod-identity-cluster-name-awkward"]["path"]
    segment = path[len("/clusters/"):-len("/assume-role-for-pod-identity")]
    token_body = req["eks-auth-assume-role-for-pod-identity-token-awkward"]["body"]
    token_json = re.search(r'"token": "((?:[^"\\]|\\.)*)"', token_body).group(1)
    rows = zip(AWKWARD, split_awkward(external), split_awkward(segment), split_awkward(token_json))
    lines += ["", "### Awkward characters", "",
              f"Each character below was sent joined by `x` (`{AWKWARD_VALUE!r}` as a Python literal) as STS "
              "ExternalId (`sts-assume-role-awkward-values`), as the EKS Auth clusterName "
              "(`eks-auth-assume-role-for-pod-identity-cluster-name-awkward`) and as the EKS Auth token "
              "(`eks-auth-assume-role-for-pod-identity-token-awkward`); the columns are what the bytes hold "
              "between the `x`s.", ""]
    lines += table(["Character", "Code points", "STS form body", "EKS Auth URI path segment", "EKS Auth JSON string"],
                   [(code(ch), " ".join(f"U+{ord(c):04X}" for c in ch), code(form), code(seg), code(js))
                    for ch, form, seg, js in rows])
    pod = req["eks-auth-assume-role-for-pod-identity-minimal"]
    encoded = req["eks-auth-assume-role-for-pod-identity-cluster-name-percent-encoded"]
    empty_cluster = req["eks-auth-assume-role-for-pod-identity-empty-cluster-name"]
    lines += ["", "### EKS Auth (restJson1)", "",
              f"- `eks-auth-assume-role-for-pod-identity-minimal`: `{pod['method']} {pod['path']}` on "
              f"`{urlsplit(pod['url']).netloc}`, body "
              f"{code(pod['body'].replace(pod['params']['token'], '<token>'))}: clusterName only in the path, "
              f"the body holds the body members only.",
              f"- clusterName `my cluster/é` (`eks-auth-assume-role-for-pod-identity-cluster-name-percent-encoded`, "
              f"parameter validation on, botocore accepted it) gives path `{encoded['path']}`.",
              f"- An empty clusterName (`eks-auth-assume-role-for-pod-identity-empty-cluster-name`) is refused by "
              f"botocore's validation (min length 1); with `parameter_validation=False` it sends "
              f"`{empty_cluster['path']}`."]
    sso = {name: record for name, record in req.items() if record["service"] == "sso"}

    def shown(record):
        headers = ", ".join(f"`{k}: {'<accessToken>' if v == SSO_ACCESS_TOKEN else v}`"
                            for k, v in record["headers"].items())
        body = code(record["body"]) if record["body"] else "no body"
        return f"`{record['method']} {record['path']}`, headers {headers or 'none'}, {body}"

    awkward = sso["sso-get-role-credentials-role-name-awkward"]["path"]
    role_name = dict(pair.split("=", 1) for pair in urlsplit(awkward).query.split("&"))["role_name"]
    lines += ["", "### SSO (restJson1)", "",
              f"Every SSO request goes to `{sorted({urlsplit(r['url']).netloc for r in sso.values()})[0]}`, "
              "unsigned (the model's `authtype` is `none`): the bearer token is the only credential, shown here "
              "as `<accessToken>`.", ""]
    lines += [f"- `{name}`: {shown(record)}." for name, record in sorted(sso.items())
              if name != "sso-get-role-credentials-role-name-awkward"]
    lines += ["- The awkward role name (`sso-get-role-credentials-role-name-awkward`) is sent in the query string "
              "as " + ", ".join(f"{code(ch)} {code(enc)}" for ch, enc in zip(AWKWARD, split_awkward(role_name)))
              + " (each character, then its bytes between the `x`s)."]
    return lines


def error_rows(files):
    for name, record in sorted(files.items()):
        if name.startswith("errors/"):
            error = record.get("botocore_error") or {}
            yield (f"`{name[len('errors/'):]}`", record["source"].split(",")[0], record["status"],
                   code(error.get("Code", "")) if error else "-", record["exception"] or "(returns)",
                   code(record["request_id"]) if record.get("request_id") else "-")


def differences(base, other, path=""):
    """Where two parsed responses differ, HTTPHeaders aside, as readable lines."""
    if isinstance(base, dict) and isinstance(other, dict):
        for key in list(base) + [k for k in other if k not in base]:
            if key == "HTTPHeaders":
                continue
            where = f"{path}.{key}" if path else key
            if key not in other:
                yield f"{where} absent"
            elif key not in base:
                yield f"{where} = {json.dumps(other[key], ensure_ascii=False)[:70]}"
            else:
                yield from differences(base[key], other[key], where)
    elif base != other:
        yield f"{path} = {json.dumps(other, ensure_ascii=False)[:70]}"


def variant_rows(files):
    base = files["response-variants/sts-assume-role-unchanged.json"]["parsed"]
    for name, record in sorted(files.items()):
        if name.startswith("response-variants/"):
            if "error" in record:
                outcome = f"raises {record['error']['type']}: {record['error']['message'][:90]}"
            else:
                changes = list(differences(base, record["parsed"]))
                outcome = "; ".join(changes) if changes else "parsed exactly as unchanged"
            yield f"`{name[len('response-variants/'):]}`", plain(record["variation"]), code(outcome)


def readme(files, overlay, versions):
    responses = sorted(n[len("responses/"):] for n in files if n.startswith("responses/"))
    lines = [
        "# Wire-protocol captures: STS (query), EKS Auth and SSO (restJson1)",
        "",
        f"Generated by `python3 {SCRIPT}`; do not edit (`{HAND_WRITTEN}` beside it is hand-written and kept).",
        f"Python {platform.python_version()}, {versions}.",
        "",
        "The real bytes botocore sends and moto answers, and what botocore makes of real and changed answers, "
        "for the C++ codecs' tests. Rerun (offline; only 127.0.0.1 is contacted; well under a minute):",
        "",
        f"    python3 {SCRIPT}",
        "",
        "The run deletes and rewrites this folder (all but `FINDINGS.md`). Fixed inputs, fixed fake credentials "
        f"(`{ACCESS_KEY}`), `TZ=UTC` and moto's seed {MOTO_SEED} keep most bytes stable; moto's session tokens "
        "(from `os.urandom`), its real-clock timestamps and its `Date` headers change on every run. Every client "
        "makes exactly one attempt (`retries={'total_max_attempts': 1}`), so each file holds one exchange.",
        "",
        "## Folders",
        "",
        *table(["Folder", "Contents"], [
            ("`requests/`", "What botocore 1.43.11 serializes for every operation of the three services: a minimal "
             "case (required members only) and a full case (every member, in the model's order) per operation, "
             "plus awkward inputs. The real client runs; a `before-send` hook takes the prepared request and "
             "answers it with a canned empty success, so no network is used."),
            ("`responses/`", "STS: moto 5.2.1's real answers, over real HTTP to `python3 -m moto.server` on "
             "127.0.0.1, the raw status, headers and body taken by a `before-parse` hook. EKS Auth and SSO (moto "
             "lacks both): bodies built from the model (as `tools/capture_payloads.py` does) served by a "
             "`before-send` hook, including odd 2xx bodies."),
            ("`response-variants/`", "moto's real AssumeRole (full) answer changed one way at a time, each run "
             "through `botocore.parsers.QueryParser().parse(...)` with status 200."),
            ("`errors/`", "moto's real STS errors (real HTTP), and hand-made STS, EKS Auth and SSO error bodies run "
             "through botocore's parser (`QueryParser`, `RestJSONParser`) and through the client."),
        ]),
        "",
        "File names are `<service>-<operation>[-<variant>].json`, the operation in botocore's hyphenated form. "
        "Every file is one pretty-printed UTF-8 JSON object (non-ASCII characters written as themselves). "
        "`body` is always the exact body text (UTF-8; a byte order mark shows as U+FEFF).",
        "",
        "## File formats",
        "",
        "`requests/*.json`:",
        "",
        *table(["Field", "Meaning"], [
            ("`service`, `operation`", "botocore service name and operation"),
            ("`params`", "the input exactly as passed to the boto3 client method"),
            ("`parameter_validation`", "whether botocore's client-side validation was on (off only where noted)"),
            ("`method`, `url`, `path`", "the HTTP method, the full URL botocore resolved for us-east-1, and its "
             "path with the query string if any"),
            ("`headers`", "the headers botocore set, minus the ones listed in `headers_dropped`"),
            ("`headers_dropped`", "names (never values) of the signing, date, user-agent, length and SDK retry "
             "headers left out"),
            ("`body`", "the request body as sent"),
        ]),
        "",
        "`responses/*.json`: `service`, `operation`, `source`, `note` (hand-built only), `params` (the call's "
        "input), `status`, `headers` (as received: names in their received case, in order), `body`, and either "
        "`parsed` (what the boto3 client returned, `ResponseMetadata` included, dumped with "
        "`json.dumps(..., default=lambda o: o.isoformat())`) or `error` (`type`, `message`) when the client "
        "raised.",
        "",
        "`response-variants/*.json`: `service`, `operation`, `derived_from` (the real answer changed), "
        "`variation` (what was changed), `status`, `headers` (as given to the parser), `body`, and either "
        "`parsed` (the parser's result, dumped as above) or `error` (`type`, `message`) when the parser raised.",
        "",
        "`errors/*.json`:",
        "",
        *table(["Field", "Meaning"], [
            ("`service`, `operation`, `params`", "the call made"),
            ("`source`", "`moto server` (real HTTP) or `hand-made, served by a before-send hook`"),
            ("`note`", "hand-made only: what the body tries"),
            ("`status`, `headers`, `body`", "the HTTP response (moto: as received)"),
            ("`parser_output`", "hand-made only: botocore's parser called directly with this response and the "
             "operation's output shape (`raised`/`message` if it raised)"),
            ("`exception`", "the class name the client raised (`ClientError`, a modeled class from "
             "`client.exceptions`, or a botocore error), or null if the call returned"),
            ("`exception_message`", "`str()` of that exception"),
            ("`botocore_error`", "the `Error` dict of the exception's response (Code, Message, Type...), or null"),
            ("`request_id`", "`ResponseMetadata.RequestId` as botocore reports it, or null"),
            ("`parsed`", "the exception's whole `response` dict (modeled error members included), or null"),
            ("`sent_action`", "the unknown-action case only: the Action the form really carried"),
        ]),
        "",
        "## What the requests show",
        "",
        "Read back from the bytes of `requests/` by the script that wrote them.",
        "",
        *request_observations(files),
        "",
        "The 2026 EKS Auth members (`eksNodeName`, `instanceId`, `zone`, tools/models/overlay.json) are not in "
        "botocore 1.43.11's model, so no request file sets them. Tried anyway, botocore with parameter "
        f"validation: {overlay[True]}; without it: {overlay[False]}.",
        "",
        "## Responses",
        "",
        "moto implements AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity, GetSessionToken, "
        "GetFederationToken, GetCallerIdentity and GetAccessKeyInfo (same inputs as `tools/capture_payloads.py`); "
        "AssumeRoot, DecodeAuthorizationMessage, GetDelegatedAccessToken and GetWebIdentityToken it does not "
        "(`errors/sts-assume-root-not-implemented.json` shows its answer). Files: "
        + ", ".join(f"`{r}`" for r in responses) + ".",
        "",
        "## Response variants",
        "",
        "What `QueryParser` gives for each variant, compared with `sts-assume-role-unchanged.json` "
        "(`HTTPHeaders` aside; values cut at 70 characters):",
        "",
        *table(["File", "Variation", "botocore"], variant_rows(files)),
        "",
        "## Errors",
        "",
        *table(["File", "Source", "Status", "botocore Code", "Client raises", "RequestId"], error_rows(files)),
        "",
        "## Not captured",
        "",
        "- botocore's own protocol test suites (`tests/unit/protocols/input/query.json`, `output/query.json`, "
        "`input/rest-json.json`, `output/rest-json.json`) live in botocore's repository, not in the installed "
        f"package; {protocol_suites()} They were not fetched or copied.",
        "- moto has no EKS Auth service, so every EKS Auth answer here is hand-built.",
        "- moto has no SSO portal either: every SSO answer and error here is hand-built from the model and from "
        "the messages the AWS CLI is known to print (`Session token not found or invalid`, `No access`); the "
        "portal's own bytes were not captured (that needs a real IAM Identity Center sign-in).",
    ]
    return "\n".join(lines) + "\n"


def protocol_suites():
    packages = Path(botocore.__file__).parent.parent
    found = [p for p in packages.rglob("*.json")
             if "protocols" in p.parts and p.name in ("query.json", "rest-json.json")]
    if found:
        return f"the run found {', '.join(str(p.relative_to(packages)) for p in found)} in site-packages."
    return "the run found none of them in the site-packages that hold botocore."


# --- main ---------------------------------------------------------------------------------------


def write(files, extra):
    kept = OUT / HAND_WRITTEN
    saved = kept.read_bytes() if kept.exists() else None
    shutil.rmtree(OUT, ignore_errors=True)
    for folder in FOLDERS:
        (OUT / folder).mkdir(parents=True)
    for name, record in files.items():
        (OUT / name).write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8",
                                newline="")
    for name, content in extra.items():
        (OUT / name).write_text(content, encoding="utf-8", newline="")
    if saved is not None:
        kept.write_bytes(saved)
        for named in sorted(set(re.findall(r"`([\w./-]+\.json)`", saved.decode("utf-8")))):
            if not list(OUT.rglob(Path(named).name)):
                print(f"capture_wire: {HAND_WRITTEN} names {named}, which this run did not write", file=sys.stderr)


def check_no_credentials(files):
    """Only the fixed fake credentials may appear; no signature or token header is ever kept."""
    for name, record in files.items():
        dumped = json.dumps(record)
        for marker in ("Credential=", "Signature=", "X-Amz-Security-Token\": \""):
            if marker in dumped:
                sys.exit(f"capture_wire: {name} holds {marker!r}")
        for header in record.get("headers", {}):
            if header in NOT_PROTOCOL_HEADERS and name.startswith("requests/"):
                sys.exit(f"capture_wire: {name} kept header {header}")


def files_on_disk():
    return {f"{folder}/{path.name}": json.loads(path.read_text(encoding="utf-8"))
            for folder in FOLDERS for path in sorted((OUT / folder).glob("*.json"))}


def main():
    fake_environment()
    check_models_match_vendored()
    versions = ", ".join(f"{p} {importlib.metadata.version(p)}" for p in ("boto3", "botocore", "moto"))
    if sys.argv[1:] == ["--readme-only"]:
        (OUT / "README.md").write_text(readme(files_on_disk(), overlay_outcomes(), versions), encoding="utf-8",
                                       newline="")
        return
    files = {}
    for case in request_cases():
        put(files, f"requests/{stem(case.service, case.operation, case.variant)}.json", capture_request(case))
    capture_moto(files)
    capture_variants(files)
    capture_sts_errors(files)
    capture_rest_json_errors(files, "eks-auth", "AssumeRoleForPodIdentity", eks_error_cases())
    capture_eks_responses(files)
    capture_rest_json_errors(files, "sso", "GetRoleCredentials", sso_error_cases())
    capture_sso_responses(files)
    check_no_credentials(files)
    write(files, {"README.md": readme(files, overlay_outcomes(), versions)})
    print(f"wrote {len(files)} JSON files under {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
