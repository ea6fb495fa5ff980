#!/usr/bin/env python3
"""botocore judges awsauth's restJson1 answers: every answer write_rest_json_answers wrote (the captured EKS Auth and
SSO outputs, every EKS Auth and SSO error shape, unmodeled codes) goes through botocore's RestJSONParser with the
answer's service model (eks-auth or sso) from botocore's own session, and through a real client whose before-send
hook answers with it; each must come out as the answer's `expected` says (the output's members and request id; the
error's code, message, request id, status and the exception class the client raises).

Usage: python3 tests/wire/botocore_reads_rest_json.py <answers.json>
Prints one line per failure and `N passed, M failed`; exits 1 on a failure, 77 (CTest's skip) without botocore.
"""

import datetime
import json
import sys

try:
    import botocore.parsers
    import botocore.session
    from botocore.awsrequest import AWSResponse
    from botocore.config import Config
    from botocore.exceptions import ClientError
    from urllib3 import HTTPHeaderDict
except ImportError as missing:
    print(f"SKIP: botocore is not installed ({missing}); pip install botocore to have it judge the restJson1 answers")
    sys.exit(77)

# The parameters of the call each answer is served to, by (service, operation).
SSO_TOKEN = "aoaAAAAAGEXAMPLEbearertoken"
PARAMS = {
    ("eks-auth", "AssumeRoleForPodIdentity"): {"clusterName": "my-cluster",
                                               "token": "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl"},
    ("sso", "GetRoleCredentials"): {"roleName": "ReadOnly", "accountId": "123456789012", "accessToken": SSO_TOKEN},
    ("sso", "ListAccountRoles"): {"accountId": "123456789012", "accessToken": SSO_TOKEN},
    ("sso", "ListAccounts"): {"accessToken": SSO_TOKEN},
    ("sso", "Logout"): {"accessToken": SSO_TOKEN},
}


def comparable(value):
    """A parsed value as JSON-like data; a timestamp as Python's isoformat() of the instant in UTC, as awsauth
    writes `expected` (botocore gives epoch seconds in the local time zone)."""
    if isinstance(value, dict):
        return {key: comparable(member) for key, member in value.items()}
    if isinstance(value, list):
        return [comparable(element) for element in value]
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).isoformat()
    return value


class RawBody:
    """The `raw` object AWSResponse reads a canned body from."""

    def __init__(self, data):
        self._data = data

    def stream(self, **_):
        yield self._data


def headers_of(answer):
    headers = HTTPHeaderDict()
    for name, value in answer["headers"]:
        headers.add(name, value)
    return headers


def call_answered(session, answer):
    """The client's call of the answer's operation, answered with it: what the call returns (or raises)."""
    service, operation = answer["service"], answer["operation"]
    client = session.create_client(
        service, region_name="us-east-1", aws_access_key_id="AKIAAWSAUTHEXAMPLE00",
        aws_secret_access_key="awsauth/example/secret/key/0000000000000",
        config=Config(retries={"total_max_attempts": 1}))

    def handler(request, **_):
        return AWSResponse(request.url, answer["status"], headers_of(answer), RawBody(answer["body"].encode()))

    client.meta.events.register(f"before-send.{service}.{operation}", handler)
    return getattr(client, botocore.xform_name(operation))(**PARAMS[(service, operation)])


def differences(got, wanted, path=""):
    """Where two JSON-like values differ, one line per member (the values themselves only for scalars)."""
    if isinstance(got, dict) and isinstance(wanted, dict):
        lines = []
        for key in list(wanted) + [key for key in got if key not in wanted]:
            if key not in got or key not in wanted:
                lines.append(f"{path}/{key}: {'missing' if key not in got else 'not expected'}")
            else:
                lines += differences(got[key], wanted[key], f"{path}/{key}")
        return lines
    return [] if got == wanted else [f"{path}: {got!r} != {wanted!r}"]


def output_problems(parsed, expected):
    metadata = parsed.get("ResponseMetadata", {})
    members = {key: value for key, value in parsed.items() if key != "ResponseMetadata"}
    problems = differences(comparable(members), expected["output"])
    if metadata.get("RequestId") != expected["request_id"]:
        problems.append(f"RequestId {metadata.get('RequestId')!r} != {expected['request_id']!r}")
    return problems


def error_problems(parsed, expected, status):
    error = parsed.get("Error", {})
    metadata = parsed.get("ResponseMetadata", {})
    problems = []
    for key, wanted in (("Code", expected["code"]), ("Message", expected["message"])):
        if error.get(key) != wanted:
            problems.append(f"Error.{key} {error.get(key)!r} != {wanted!r}")
    if metadata.get("RequestId") != expected["request_id"]:
        problems.append(f"RequestId {metadata.get('RequestId')!r} != {expected['request_id']!r}")
    if status != expected["status"]:
        problems.append(f"status {status} != {expected['status']}")
    return problems


def judge(session, answer):
    """The problems botocore's parser and client find with one answer, by check."""
    expected = answer["expected"]
    operation = session.get_service_model(answer["service"]).operation_model(answer["operation"])
    response = {"status_code": answer["status"], "headers": headers_of(answer), "body": answer["body"].encode()}
    parsed = botocore.parsers.RestJSONParser().parse(response, operation.output_shape)
    checks = {}
    if answer["kind"] == "output":
        checks["parser"] = output_problems(parsed, expected)
        try:
            checks["client"] = output_problems(call_answered(session, answer), expected)
        except Exception as failure:  # the failure is the finding
            checks["client"] = [f"raised {type(failure).__name__}: {failure}"]
    else:
        checks["parser"] = error_problems(parsed, expected, answer["status"])
        try:
            call_answered(session, answer)
            checks["client"] = ["returned instead of raising"]
        except ClientError as failure:
            problems = error_problems(failure.response, expected,
                                      failure.response.get("ResponseMetadata", {}).get("HTTPStatusCode"))
            if type(failure).__name__ != expected["exception"]:
                problems.append(f"raised {type(failure).__name__}, not {expected['exception']}")
            checks["client"] = problems
    return checks


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as file:
        answers = json.load(file)
    session = botocore.session.get_session()
    passed = failed = 0
    for answer in answers:
        for check, problems in judge(session, answer).items():
            if problems:
                failed += 1
                for problem in problems:
                    print(f"FAIL {answer['name']} ({check}): {problem}")
            else:
                passed += 1
    print(f"botocore {botocore.__version__}: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
