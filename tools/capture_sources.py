#!/usr/bin/env python3
"""Capture or cite every credentials document a C++ program meets outside STS, as test fixtures for awsauth.

awsauth reads the container-credentials JSON (EKS Pod Identity agent, ECS), the EC2 instance metadata service's
role credentials, credential_process output, SSO GetRoleCredentials and the AWS CLI's credential cache. Its tests
must read what the producers really send, so this script writes under tests/data/sources/:

  imds/              moto's instance metadata service (`python3 -m moto.server` on 127.0.0.1) captured over
                     real HTTP: the IMDSv2 token, the role listing and the role's credentials; the EC2 User
                     Guide's example and botocore's test fixtures (a success and a failure), cited
  container/         what the EKS Pod Identity agent and ECS serve, and their error answers, cited from the
                     agents' own sources and tests and from the AWS documentation (no agent runs here)
  credential-process/  the AWS page's syntax block and botocore's ProcessProvider fixtures, cited; each one
                     handed to the real AWS CLI v1 as a credential_process and the outcome recorded
  sso/               botocore's GetRoleCredentials fixture, cited; a portal answer served from 127.0.0.1 to
                     botocore's SSO provider, and the credential cache file botocore writes from it (the file
                     AWS CLI v2 keeps in ~/.aws/cli/cache; the CLI v1 keeps SSO credentials in memory only,
                     which the script checks and records)
  cli-cache/         the file the AWS CLI v1 writes to ~/.aws/cli/cache after assuming a role, captured by
                     running `aws sts get-caller-identity --profile role` against moto's server
  README.md          generated: where every file came from (tool, version, command; or URL and quote)

Only 127.0.0.1 is contacted. Every credential in these files is fake: moto's made-up keys, the fixed fake keys
below, or the AWS documentation's and botocore's example values. Rerunning rewrites the whole folder; moto's
random keys, its real-clock timestamps and the CLI's session names change between runs.

Usage: python3 tools/capture_sources.py   (needs boto3/botocore, moto and the AWS CLI v1 `aws`)
"""

import hashlib
import http.server
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from capture_wire import ACCESS_KEY, HOST, SECRET_KEY, free_port, moto_server  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "sources"
SCRIPT = "tools/capture_sources.py"
REGION = "us-east-1"
ACCOUNT = "123456789012"  # moto's default account
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/x"
# The SSO profile of the capture: botocore's test fixture's start URL and role name, moto's account.
SSO_START_URL = "https://d-92671207e4.awsapps.com/start"
SSO_ROLE_NAME = "test-role"
SSO_ACCESS_TOKEN = "awsauth-fake-sso-access-token"  # what the fake token cache holds and the portal expects
SSO_EXPIRATION_MS = 4102444800000  # 2100-01-01T00:00:00Z: far enough ahead that botocore uses it as it is


@dataclass
class Entry:
    """One file of the folder and where it came from, for README.md."""

    path: str
    origin: str  # "captured", "cited" or "derived"
    source: str  # Markdown: tool and command, or URL and quote


ENTRIES = []


def write(relative, data, origin, source):
    path = OUT / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    ENTRIES.append(Entry(relative, origin, source))


def code(text):
    return f"`{text}`"


# --- cited documents --------------------------------------------------------------------------------------
# Each is the producer's text exactly as its source shows it (a documentation code block, a test's literal),
# so that the tests read what the source says rather than our rendering of it.

EKS_AGENT_MODEL_TEST = ("https://github.com/aws/eks-pod-identity-agent/blob/d4dc0f3fedd795b26ac88755238867a2110c7460/"
                        "pkg/credentials/model_test.go")
EKS_AGENT_HANDLER_TEST = ("https://github.com/aws/eks-pod-identity-agent/blob/d4dc0f3fedd795b26ac88755238867a2110c7460/"
                          "pkg/handlers/eks_credential_handler_test.go")
EKS_AGENT_VALIDATION = ("https://github.com/aws/eks-pod-identity-agent/blob/d4dc0f3fedd795b26ac88755238867a2110c7460/"
                        "internal/validation/request.go")
ECS_BEST_PRACTICES = "https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-iam-roles.html"
ECS_BEST_PRACTICES_SOURCE = ("https://github.com/awsdocs/amazon-ecs-bestpractices-guide/blob/"
                             "31ed1ed1751b9a062814119586b566521c92ffdc/doc_source/security-iam-roles.md")
ECS_AGENT_ERROR = ("https://github.com/aws/amazon-ecs-agent/blob/08e1190330b57c5e23ebaf5c1ad6fe63be180f87/"
                   "ecs-agent/tmds/handlers/utils/helpers.go")
ECS_AGENT_HANDLER_TEST = ("https://github.com/aws/amazon-ecs-agent/blob/d2468ed0424a24b41ce5d66ed40ced50bced6b11/"
                          "agent/handlers/task_server_setup_test.go")
RUST_SDK_ECS = "https://docs.rs/aws-config/latest/aws_config/ecs/index.html"
EC2_GUIDE = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html"
EC2_GUIDE_SOURCE = ("https://github.com/awsdocs/amazon-ec2-user-guide/blob/03163c7ceee9b0645790c0bc2b8e538cf535a6aa/"
                    "doc_source/iam-roles-for-amazon-ec2.md")
BOTOCORE_TESTS = "https://github.com/boto/botocore/blob/0e6e2404b85dc336dd2889814e089bde7d1a4c55/tests/unit/"
PROCESS_PAGE = "https://docs.aws.amazon.com/sdkref/latest/guide/feature-process-credentials.html"
PROCESS_CLI_PAGE = "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html"
SSO_API = "https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html"


def cite_container():
    write("container/eks-pod-identity-agent.json",
          '{"AccessKeyId":"some-access-key","SecretAccessKey":"some-secret-key","Token":"some-token",'
          '"AccountId":"some-account-id","Expiration":"1996-03-27T07:45:23.123456789Z"}',
          "cited",
          f"The EKS Pod Identity agent's own serialization test, `TestEksCredentialsResponse_Serialization` in "
          f"[pkg/credentials/model_test.go]({EKS_AGENT_MODEL_TEST}) (agent 0.1.37): `json.Marshal` of its "
          "`EksCredentialsResponse` must equal this string, byte for byte. `Expiration` is Go's "
          "`time.RFC3339Nano` (trailing zeros trimmed, so 0 to 9 fraction digits); `AccountId` is the "
          "agent's addition. Quote: `serializedTime = \"1996-03-27T07:45:23.123456789Z\"`.")
    write("container/ecs-task-role.json",
          '{\n\t"RoleArn": "arn:aws:iam::123456789012:role/SSMTaskRole-SSMFargateTaskIAMRole-DASWWSF2WGD6",\n'
          '\t"AccessKeyId": "AKIAIOSFODNN7EXAMPLE",\n'
          '\t"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",\n'
          '\t"Token": "IQoJb3JpZ2luX2VjEEM/Example==",\n'
          '\t"Expiration": "2021-01-16T00:51:53Z"\n}\n',
          "cited",
          f"[Amazon ECS Best Practices Guide, Using IAM roles with Amazon ECS tasks]({ECS_BEST_PRACTICES}) "
          f"([source]({ECS_BEST_PRACTICES_SOURCE})): \"You can manually retrieve the temporary role credentials "
          "from inside a container ... The expected output is as follows:\" — this block, tabs included. The ECS "
          f"agent's `IAMRoleCredentials` ([credentials/manager.go](https://github.com/aws/amazon-ecs-agent/blob/"
          "2b91941c3f854cabb452343246a9daaebbd7ee92/ecs-agent/credentials/manager.go)) marshals the same keys in "
          "the same order (`RoleArn`, `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration`) and echoes "
          "`Expiration` as the string ECS's backend sent.")
    write("container/ecs-error-credentials-not-found.json",
          '{"code":"InvalidIdInRequest","message":"CredentialsV2Request: Credentials not found",'
          '"HTTPErrorCode":400}',
          "derived",
          f"What the ECS agent answers (HTTP 400) for an unknown credentials id: `json.Marshal` of its "
          f"`ErrorMessage` ([tmds/handlers/utils/helpers.go]({ECS_AGENT_ERROR}): `Code string json:\"code\"`, "
          "`Message string json:\"message\"`, `HTTPErrorCode int` without a tag, so Go writes it under its "
          "field name), with the values of the agent's test `TestCredentialsV2RequestWhenCredentialsIdNotFound` "
          f"([test]({ECS_AGENT_HANDLER_TEST})): `Code: tmdsv1.ErrInvalidIDInRequest` (`\"InvalidIdInRequest\"`), "
          "`Message: \"CredentialsV2Request: Credentials not found\"`. Assembled here by that rule; no agent ran.")
    write("container/sdk-error-example.json",
          '{\n  "code": "ErrorCode",\n  "message": "Helpful error message."\n}\n',
          "cited",
          f"The AWS SDK for Rust's container provider documentation ([aws_config::ecs]({RUST_SDK_ECS})): "
          "\"Credentials errors MAY be returned with a code and message field:\" — this block.")
    write("container/eks-pod-identity-agent-error-no-token.txt",
          "Service account token cannot be empty\n",
          "cited",
          f"The agent's handler test, case \"service account token is not passed as header\" in "
          f"[pkg/handlers/eks_credential_handler_test.go]({EKS_AGENT_HANDLER_TEST}): "
          "`sentBytes: []byte(\"Service account token cannot be empty\\n\")`. Go's `http.Error` writes it with "
          "status 400 and `Content-Type: text/plain; charset=utf-8`.")
    write("container/eks-pod-identity-agent-error-access-denied.txt",
          "Access Denied. Called agent through invalid address, please use either [169.254.170.23 fd00:ec2::23] "
          "address not 127.0.0.1\n",
          "derived",
          f"The agent's answer (HTTP 403, plain text) to a request whose Host is not its own address, assembled "
          f"from [internal/validation/request.go]({EKS_AGENT_VALIDATION}) (`\"Called agent through invalid "
          "address, please use either %s address not %s\"` with the default hosts `[169.254.170.23 "
          "fd00:ec2::23]`), `AccessDeniedError.Error()` (`\"Access Denied. %s\"`) and `http.Error`'s trailing "
          "newline; the handler test checks the prefix `Access Denied. Called agent through invalid address`.")


def cite_imds():
    write("imds/ec2-user-guide-example.json",
          '{\n  "Code" : "Success",\n  "LastUpdated" : "2012-04-26T16:39:16Z",\n  "Type" : "AWS-HMAC",\n'
          '  "AccessKeyId" : "ASIAIOSFODNN7EXAMPLE",\n'
          '  "SecretAccessKey" : "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",\n'
          '  "Token" : "token",\n  "Expiration" : "2017-05-17T15:09:54Z"\n}\n',
          "cited",
          f"[Amazon EC2 User Guide, Retrieve security credentials from instance metadata]({EC2_GUIDE}) "
          f"([source]({EC2_GUIDE_SOURCE})): \"The following command retrieves the security credentials for an "
          "IAM role named `s3access`. ... The following is example output.\" — this block, spaces before the "
          "colons included.")
    write("imds/botocore-fixture.json",
          json.dumps({"Code": "Success", "LastUpdated": "2012-12-03T14:38:21Z", "AccessKeyId": "foo",
                      "SecretAccessKey": "bar", "Token": "foobar", "Expiration": "2012-12-03T20:48:03Z",
                      "Type": "AWS-HMAC"}, indent=2) + "\n",
          "cited",
          f"botocore's `raw_metadata['foobar']` in [tests/unit/test_credentials.py]({BOTOCORE_TESTS}"
          "test_credentials.py) (botocore 0e6e240), members and order as there, written with "
          "`json.dumps(indent=2)`. (botocore's `InstanceMetadataFetcher` tests in `test_utils.py` use "
          "`{'AccessKeyId': 'spam', 'SecretAccessKey': 'eggs', 'Token': 'spam-token', 'Expiration': "
          "'something'}`, with no Code/LastUpdated/Type and no real timestamp.)")
    write("imds/botocore-failure-fixture.json",
          '{"Code":"AssumeRoleUnauthorizedAccess","Message":"error"}',
          "cited",
          f"botocore's `test_missing_fields_in_credentials_response` in [tests/unit/test_utils.py]({BOTOCORE_TESTS}"
          "test_utils.py): \"Response for creds that has a 200 status code and a JSON body representing an "
          "error\" — `body=b'{\"Code\":\"AssumeRoleUnauthorizedAccess\",\"Message\":\"error\"}'`; botocore returns "
          "no credentials for it. The Code/Message pair is the IMDS document's own (the .NET SDK's "
          "`IAMSecurityCredentialMetadata` and the Java SDK's `EC2MetadataUtils.IAMSecurityCredential` carry both "
          "next to the credential members).")


PROCESS_SAMPLES = {
    "credential-process/botocore-temporary.json": (
        {"Version": 1, "AccessKeyId": "foo", "SecretAccessKey": "bar", "SessionToken": "baz",
         "Expiration": "2999-01-01T00:00:00Z"},
        "`test_can_retrieve_via_process`"),
    "credential-process/botocore-long-term.json": (
        {"Version": 1, "AccessKeyId": "foo", "SecretAccessKey": "bar"},
        "`test_missing_expiration_and_session_token` (\"Missing session token and expiration\")"),
    "credential-process/botocore-account-id.json": (
        {"Version": 1, "AccessKeyId": "foo", "SecretAccessKey": "bar", "SessionToken": "baz",
         "Expiration": "2999-01-01T00:00:00Z", "AccountId": "123456789012"},
        "`test_can_retrieve_account_id`"),
}
PROCESS_SYNTAX = ('{\n  "Version": 1,\n  "AccessKeyId": "an AWS access key",\n'
                  '  "SecretAccessKey": "your AWS secret access key",\n'
                  '  "SessionToken": "the AWS session token for temporary credentials", \n'
                  '  "Expiration": "ISO8601 timestamp when the credentials expire"\n}\n')


def cite_process(cli_outcomes):
    for relative, (document, test) in PROCESS_SAMPLES.items():
        write(relative, json.dumps(document, indent=2) + "\n", "cited",
              f"botocore's `TestProcessProvider.{test.strip('`').split('`')[0]}` in "
              f"[tests/unit/test_credentials.py]({BOTOCORE_TESTS}test_credentials.py) ({test}), written with "
              f"`json.dumps(indent=2)`. {cli_outcomes[relative]}")
    write("credential-process/aws-docs-syntax.json", PROCESS_SYNTAX, "cited",
          f"The syntax block of [Configuration and credential file settings: Sourcing credentials with an external "
          f"process]({PROCESS_CLI_PAGE}) (the same form as [{PROCESS_PAGE}]({PROCESS_PAGE})): \"The command you "
          "specify must then generate JSON output on STDOUT that matches the following syntax\" — this block, the "
          "space after the `SessionToken` line's comma included. Its values are placeholders, so it is not "
          f"credentials: `Expiration` is no timestamp. {cli_outcomes['credential-process/aws-docs-syntax.json']}")


# --- moto's instance metadata service ------------------------------------------------------------------------


def local_request(url, method="GET", headers=None):
    """Status, headers and body; an HTTP error status is an answer like any other."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with opener.open(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as failure:
        return failure.code, failure.headers, failure.read()


def capture_imds(url):
    """The IMDSv2 dance as an SDK does it: PUT for a token, then GETs that carry it; returns README's notes."""
    moto = f"moto {importlib.metadata.version('moto')} (`python3 -m moto.server -H 127.0.0.1 -p <free port>`)"
    rows = []

    def exchange(method, path, header, relative, headers):
        status, answer_headers, body = local_request(f"{url}{path}", method, headers)
        if status != 200:
            raise RuntimeError(f"moto answered {method} {path} with {status}")
        rows.append(f"| `{method} {path}` | `{header}` | {status} | `{answer_headers.get('Content-Type')}` | "
                    f"`{relative}` |")
        return answer_headers, body

    _, token = exchange("PUT", "/latest/api/token", "X-aws-ec2-metadata-token-ttl-seconds: 21600",
                        "imds/moto-api-token.txt", {"X-aws-ec2-metadata-token-ttl-seconds": "21600"})
    write("imds/moto-api-token.txt", token, "captured",
          f"{moto}: body of `PUT /latest/api/token` with `X-aws-ec2-metadata-token-ttl-seconds: 21600`.")
    with_token = {"X-aws-ec2-metadata-token": token.decode()}
    prefix = "/latest/meta-data/iam/security-credentials/"
    listing_headers, listing = exchange("GET", prefix, "X-aws-ec2-metadata-token: <token>",
                                        "imds/moto-role-listing.txt", with_token)
    roles = listing.decode().splitlines()
    write("imds/moto-role-listing.txt", listing, "captured",
          f"{moto}: body of `GET {prefix}` (the role listing, one name a line): {len(roles)} role(s), "
          + ("ending with a newline." if listing.endswith(b"\n") else "no trailing newline."))
    _, credentials = exchange("GET", prefix + roles[0], "X-aws-ec2-metadata-token: <token>",
                              "imds/moto-role-credentials.json", with_token)
    members = ", ".join(json.loads(credentials))
    write("imds/moto-role-credentials.json", credentials, "captured",
          f"{moto}: body of `GET {prefix}{roles[0]}`: the members {members} (no Code, LastUpdated, Type), fixed "
          "fake values, `Expiration` one day after the capture in `%Y-%m-%dT%H:%M:%SZ`.")
    other_status, other_headers, _ = local_request(f"{url}{prefix}no-such-role", headers=with_token)
    echoed = "X-aws-ec2-metadata-token" in listing_headers
    notes = (f"moto echoes the request's headers in its metadata answers: {'yes' if echoed else 'no'} (the "
             f"listing's answer {'carries' if echoed else 'lacks'} `X-aws-ec2-metadata-token`). Another role "
             f"name, `{prefix}no-such-role`, gets {other_status} `{other_headers.get('Content-Type')}`.")
    return "\n".join(["| Request | Header sent | Status | Content-Type | Body |", "|---|---|---|---|---|", *rows]), notes


# --- the AWS CLI v1 and botocore against moto -------------------------------------------------------------------


def aws_command():
    found = shutil.which("aws")
    return [found] if found else [sys.executable, "-m", "awscli"]


def isolated_environment(home, **extra):
    """Nothing of the user's: a temporary HOME, no AWS_* variable, no IMDS, no proxy for localhost."""
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "TZ": "UTC",
                   "AWS_EC2_METADATA_DISABLED": "true", "NO_PROXY": f"{HOST},localhost",
                   "no_proxy": f"{HOST},localhost"}
    environment.update(extra)
    return environment


def run(command, environment):
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120)


CONFIG = f"""[profile base]
aws_access_key_id = {ACCESS_KEY}
aws_secret_access_key = {SECRET_KEY}
region = {REGION}

[profile role]
role_arn = {ROLE_ARN}
source_profile = base
region = {REGION}

[profile sso]
sso_start_url = {SSO_START_URL}
sso_region = {REGION}
sso_account_id = {ACCOUNT}
sso_role_name = {SSO_ROLE_NAME}
region = {REGION}
"""


def capture_cli_cache(url):
    command = ["aws", "sts", "get-caller-identity", "--profile", "role"]
    with tempfile.TemporaryDirectory() as home:
        (Path(home) / ".aws").mkdir()
        (Path(home) / ".aws" / "config").write_text(CONFIG)
        result = run(aws_command() + command[1:], isolated_environment(home, AWS_ENDPOINT_URL_STS=url))
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} exited {result.returncode}: {result.stderr}")
        # Only moto could have made this ARN: the role was assumed through moto, not a real endpoint.
        if f"arn:aws:sts::{ACCOUNT}:assumed-role/x/" not in result.stdout:
            raise RuntimeError(f"the caller is not moto's assumed role: {result.stdout}")
        files = sorted((Path(home) / ".aws" / "cli" / "cache").glob("*.json"))
        if len(files) != 1:
            raise RuntimeError(f"expected one file in ~/.aws/cli/cache, found {len(files)}")
        write("cli-cache/assume-role.json", files[0].read_bytes(), "captured",
              f"awscli {importlib.metadata.version('awscli')} (botocore {importlib.metadata.version('botocore')}): "
              f"`{files[0].name}` from `~/.aws/cli/cache/` after `{' '.join(command)}` with a temporary HOME "
              f"whose `~/.aws/config` has `[profile base]` (fixed fake static keys) and `[profile role]` "
              f"(`role_arn = {ROLE_ARN}`, `source_profile = base`), and `AWS_ENDPOINT_URL_STS` pointing at moto's "
              "server; the command printed moto's `assumed-role/x/...` ARN, so the assume-role provider's own STS "
              "client honoured the variable too (nothing else was reachable). It is the AssumeRole response as botocore parsed it, `ResponseMetadata` with the HTTP "
              "headers included, plus `Credentials.AccountId` that botocore adds; moto made up the keys.")


BOTOCORE_ASSUME_ROLE_CHILD = """
import sys
import botocore.session
from botocore.credentials import JSONFileCache
session = botocore.session.Session(profile="role")
# What the AWS CLI does on 'session-initialized' (awscli/customizations/assumerole.py), here without the CLI's
# customization that keeps timestamps as the wire's strings: botocore parses them into datetimes.
session.get_component("credential_provider").get_provider("assume-role").cache = JSONFileCache(sys.argv[1])
print(session.create_client("sts", region_name="us-east-1").get_caller_identity()["Arn"])
"""


def capture_botocore_cache(url):
    with tempfile.TemporaryDirectory() as home:
        (Path(home) / ".aws").mkdir()
        (Path(home) / ".aws" / "config").write_text(CONFIG)
        cache = Path(home) / "botocore-cache"
        child = run([sys.executable, "-c", BOTOCORE_ASSUME_ROLE_CHILD, str(cache)],
                    isolated_environment(home, AWS_ENDPOINT_URL_STS=url))
        if child.returncode != 0 or f"arn:aws:sts::{ACCOUNT}:assumed-role/x/" not in child.stdout:
            raise RuntimeError(f"botocore's assume-role provider failed: {child.stderr}")
        files = sorted(cache.glob("*.json"))
        if len(files) != 1:
            raise RuntimeError(f"expected one file in botocore's cache, found {len(files)}")
        write("cli-cache/botocore-assume-role.json", files[0].read_bytes(), "captured",
              f"botocore {importlib.metadata.version('botocore')} alone (no AWS CLI): `{files[0].name}`, what its "
              "assume-role provider writes through the `JSONFileCache` the CLI would give it, after "
              "`get_caller_identity` with `profile=\"role\"` (same config, `AWS_ENDPOINT_URL_STS` on moto). Without "
              "the CLI's customization that keeps the wire's timestamp strings, botocore holds a `datetime`, and "
              "`JSONFileCache` serializes it with `strftime('%Y-%m-%dT%H:%M:%S%Z')`: `Expiration` ends in `UTC` "
              "and loses its fraction.")


def serve_portal(answer, requests):
    """An SSO portal on 127.0.0.1 that answers GetRoleCredentials with `answer` and records what it was asked."""

    class Portal(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's spelling)
            requests.append({"method": "GET", "path": self.path,
                             "x-amz-sso_bearer_token": self.headers.get("x-amz-sso_bearer_token")})
            if self.headers.get("x-amz-sso_bearer_token") != SSO_ACCESS_TOKEN:
                self.send_response(401)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_):
            pass

    server = http.server.HTTPServer((HOST, free_port()), Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


BOTOCORE_SSO_CHILD = """
import json, sys
import botocore.session
from botocore.credentials import JSONFileCache
session = botocore.session.Session(profile="sso")
# What AWS CLI v2 does on 'session-initialized' (awscli/customizations/sso/__init__.py, inject_json_file_cache).
session.get_component("credential_provider").get_provider("sso").cache = JSONFileCache(sys.argv[1])
identity = session.create_client("sts", region_name="us-east-1").get_caller_identity()
print(json.dumps({k: identity[k] for k in ("Account", "Arn")}))
"""


def capture_sso(url):
    cited = {"roleCredentials": {"accessKeyId": "foo", "secretAccessKey": "bar", "sessionToken": "baz",
                                 "expiration": 1222172800000 + 1000000}}
    write("sso/get-role-credentials-botocore-fixture.json", json.dumps(cited, indent=2) + "\n", "cited",
          f"botocore's `TestSSOCredentialFetcher.test_can_fetch_credentials` in [tests/unit/test_credentials.py]("
          f"{BOTOCORE_TESTS}test_credentials.py): `expected_response` with `'expiration': self.now_timestamp + "
          "1000000` (`now_timestamp = 1222172800000`, \"The SSO endpoint uses ms\"), written with "
          f"`json.dumps(indent=2)`. The [API reference]({SSO_API}) gives only the syntax (`\"expiration\": number`).")
    served = dict(cited)
    served["roleCredentials"] = dict(cited["roleCredentials"], expiration=SSO_EXPIRATION_MS)
    answer = json.dumps(served, separators=(",", ":")).encode()
    token_cache = {"startUrl": SSO_START_URL, "region": REGION, "accessToken": SSO_ACCESS_TOKEN,
                   "expiresAt": "2100-01-01T00:00:00Z"}
    requests = []
    portal = serve_portal(answer, requests)
    portal_url = f"http://{HOST}:{portal.server_port}"
    try:
        with tempfile.TemporaryDirectory() as home:
            aws = Path(home) / ".aws"
            (aws / "sso" / "cache").mkdir(parents=True)
            (aws / "config").write_text(CONFIG)
            token_file = hashlib.sha1(SSO_START_URL.encode()).hexdigest() + ".json"
            (aws / "sso" / "cache" / token_file).write_text(json.dumps(token_cache, indent=2) + "\n")
            environment = isolated_environment(home, AWS_ENDPOINT_URL_STS=url, AWS_ENDPOINT_URL_SSO=portal_url)
            # The CLI v1 first: it keeps SSO credentials in memory, so ~/.aws/cli/cache must stay empty.
            cli = run(aws_command() + ["sts", "get-caller-identity", "--profile", "sso"], environment)
            if cli.returncode != 0:
                raise RuntimeError(f"aws --profile sso exited {cli.returncode}: {cli.stderr}")
            cli_files = sorted((aws / "cli" / "cache").glob("*.json"))
            cache = Path(home) / "botocore-cache"
            child = run([sys.executable, "-c", BOTOCORE_SSO_CHILD, str(cache)], environment)
            if child.returncode != 0:
                raise RuntimeError(f"botocore's SSO provider failed: {child.stderr}")
            files = sorted(cache.glob("*.json"))
            if len(files) != 1:
                raise RuntimeError(f"expected one file in botocore's cache, found {len(files)}")
            token_source = (f"Input, hand-written: the legacy SSO token cache `~/.aws/sso/cache/{token_file}` "
                            f"(sha1 of the start URL) in the form botocore's `SSOTokenLoader` reads "
                            "(`accessToken` and `expiresAt` required); fake token.")
            write("sso/sso-token-cache-input.json", json.dumps(token_cache, indent=2) + "\n", "input",
                  token_source)
            write("sso/get-role-credentials-served.json", answer, "input",
                  f"Input: botocore's fixture above with `expiration` {SSO_EXPIRATION_MS} (2100-01-01T00:00:00Z, "
                  "so that botocore does not refresh), served by the script's portal on 127.0.0.1 "
                  f"(`AWS_ENDPOINT_URL_SSO`). The requests it got (the AWS CLI v1's, then botocore's): "
                  + "; ".join(f"`{r['method']} {r['path']}` with `x-amz-sso_bearer_token: "
                              f"{r['x-amz-sso_bearer_token']}`" for r in requests) + ".")
            write("sso/botocore-sso-cache.json", files[0].read_bytes(), "captured",
                  f"botocore {importlib.metadata.version('botocore')}: `{files[0].name}`, what its "
                  "`SSOCredentialFetcher` writes through a `JSONFileCache` (AWS CLI v2 gives it "
                  "`~/.aws/cli/cache`) after a `sts get-caller-identity` with `--profile sso` (legacy "
                  f"`sso_start_url` profile, account {ACCOUNT}, role `{SSO_ROLE_NAME}`) against moto: "
                  "`ProviderType` `sso`, `Credentials` with `Expiration` formatted `%Y-%m-%dT%H:%M:%SZ` from the "
                  "milliseconds and `AccountId` from the profile. The AWS CLI v1 "
                  f"({importlib.metadata.version('awscli')}) ran the same command with the same files and wrote "
                  f"{len(cli_files)} file(s) to `~/.aws/cli/cache`: it does not cache SSO credentials on disk "
                  "(its `assumerole.py` gives a file cache to the assume-role and web-identity providers only).")
    finally:
        portal.shutdown()
        portal.server_close()


def process_outcomes(url):
    """Each credential_process sample handed to the real AWS CLI v1, which calls moto with what it read."""
    outcomes = {}
    samples = {relative: json.dumps(document) for relative, (document, _) in PROCESS_SAMPLES.items()}
    samples["credential-process/aws-docs-syntax.json"] = PROCESS_SYNTAX
    version = importlib.metadata.version("awscli")
    with tempfile.TemporaryDirectory() as home:
        for relative, text in samples.items():
            sample = Path(home) / "sample.json"
            sample.write_text(text)
            (Path(home) / ".aws").mkdir(exist_ok=True)
            (Path(home) / ".aws" / "config").write_text(
                f"[profile process]\ncredential_process = cat {sample}\nregion = {REGION}\n")
            result = run(aws_command() + ["sts", "get-caller-identity", "--profile", "process"],
                         isolated_environment(home, AWS_ENDPOINT_URL_STS=url))
            if result.returncode == 0:
                outcomes[relative] = (f"Handed to awscli {version} as `credential_process = cat <file>`, "
                                      "`aws sts get-caller-identity --profile process` against moto exits 0.")
            else:
                error = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
                outcomes[relative] = (f"Handed to awscli {version} as `credential_process = cat <file>`, "
                                      f"`aws sts get-caller-identity --profile process` exits {result.returncode}: "
                                      f"`{error}`.")
    return outcomes


def imds_consumer(url):
    """botocore's own IMDS provider, pointed at moto: does it take moto's partial document?"""
    with tempfile.TemporaryDirectory() as home:
        environment = isolated_environment(home, AWS_EC2_METADATA_SERVICE_ENDPOINT=url, AWS_ENDPOINT_URL_STS=url,
                                           AWS_DEFAULT_REGION=REGION)
        del environment["AWS_EC2_METADATA_DISABLED"]
        result = run(aws_command() + ["sts", "get-caller-identity"], environment)
    return (f"`aws sts get-caller-identity` with no credentials but `AWS_EC2_METADATA_SERVICE_ENDPOINT` set to "
            f"moto's server (and STS on moto) exits {result.returncode}: botocore's `InstanceMetadataFetcher` "
            + ("takes moto's document without Code/LastUpdated/Type." if result.returncode == 0
               else f"refuses it: `{result.stderr.strip()}`."))


# --- README.md --------------------------------------------------------------------------------------------------


def readme(imds_table, imds_notes, imds_check):
    versions = ", ".join(f"{p} {importlib.metadata.version(p)}" for p in ("awscli", "boto3", "botocore", "moto"))
    aws_version = run(aws_command() + ["--version"], {"PATH": os.environ.get("PATH", "")})
    lines = [
        "# Credentials documents outside STS: where each file came from",
        "",
        f"Generated by `python3 {SCRIPT}`; do not edit. Python {platform.python_version()}, {versions} "
        f"(`aws --version`: `{(aws_version.stdout or aws_version.stderr).strip()}`).",
        "",
        "Every file is one of:",
        "",
        "- **captured**: written by the named tool in this run (moto's server and the script's SSO portal listen "
        "on 127.0.0.1 only);",
        "- **cited**: the exact text of the named source (AWS documentation, or an SDK's or agent's own test), "
        "with the quote that introduces it;",
        "- **derived**: assembled by the named producer's own rule from its source code, where no test or page "
        "shows the whole text;",
        "- **input**: what the script fed a real tool to make it produce a captured file.",
        "",
        "No credential here is real: moto's keys are made up, the rest are the AWS documentation's and "
        "botocore's example values or the script's fixed fake ones. The tests in `tests/unit-sources.cpp` read "
        "these files; `docs/sources/` explains each source.",
        "",
        "| File | Kind | Where it came from |",
        "|---|---|---|",
    ]
    lines += [f"| `{e.path}` | {e.origin} | {e.source} |" for e in sorted(ENTRIES, key=lambda e: e.path)]
    lines += ["", "## The IMDS exchange with moto", "", imds_table, "",
              f"{imds_notes} {imds_check}", ""]
    return "\n".join(lines)


def main():
    if len(sys.argv) > 1:
        sys.exit(f"usage: python3 {SCRIPT}")
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    cite_container()
    cite_imds()
    with moto_server() as url:
        imds_table, imds_notes = capture_imds(url)
        imds_check = imds_consumer(url)
        cite_process(process_outcomes(url))
        capture_cli_cache(url)
        capture_botocore_cache(url)
        capture_sso(url)
    (OUT / "README.md").write_text(readme(imds_table, imds_notes, imds_check), encoding="utf-8")
    print(f"wrote {len(ENTRIES)} files and README.md under {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
