#!/usr/bin/env python3
"""botocore judges the STS answers and errors awsauth writes.

Usage: botocore_reads_answers.py DIR, DIR holding what tests/wire/write_answers.cpp wrote (one JSON file per answer).

Every answer is parsed by botocore's own QueryParser with the operation's output shape from botocore's STS model, and
every member must equal what awsauth's JSON writer said the struct holds ("expected"): strings and integers exactly,
timestamps as instants, nothing more and nothing less, ResponseMetadata.RequestId as the request id. Every error is
parsed the same way (Error.Code, Error.Message, Error.Type, ResponseMetadata.RequestId) and then served to a real boto3
client by a before-send hook: the client must raise the expected class (client.exceptions.ExpiredTokenException for
the code ExpiredTokenException, IDPCommunicationErrorException for the code IDPCommunicationError, ClientError for an
unmodeled code). Nothing leaves the machine: the hook answers before any connection is made.

Exit 0 printing "N passed, 0 failed"; exit 1 with one line per mismatch; exit 77 (CTest: skipped) without boto3.
"""

import datetime
import json
import os
import sys
from pathlib import Path

SKIPPED = 77

# These two are what the issue names; they must be among the errors judged, and raise these classes.
REQUIRED_EXCEPTIONS = {"ExpiredTokenException": "ExpiredTokenException",
                       "IDPCommunicationError": "IDPCommunicationErrorException"}


def main(argv):
    if len(argv) != 2:
        print("usage: botocore_reads_answers.py DIR", file=sys.stderr)
        return 2
    try:
        import boto3
        import botocore.exceptions
        import botocore.parsers
        import botocore.session
        from botocore.awsrequest import AWSResponse
        from botocore.config import Config
    except ImportError as missing:
        print(f"SKIPPED: botocore_reads_answers: boto3/botocore is not importable ({missing}); "
              "pip install boto3 to have botocore judge awsauth's STS answers")
        return SKIPPED

    # Offline and hermetic: no profile, config file or instance metadata is read.
    os.environ.update({"AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
                       "AWS_EC2_METADATA_DISABLED": "true"})
    model = botocore.session.get_session().get_service_model("sts")
    client = boto3.session.Session().client(
        "sts", region_name="us-east-1", endpoint_url="http://127.0.0.1:9",
        aws_access_key_id="AKIAAWSAUTHEXAMPLE00", aws_secret_access_key="awsauthFakeSecretAccessKeyForCaptures000",
        config=Config(retries={"total_max_attempts": 1}))
    served = {}  # the answer the before-send hook gives the next call

    class RawBody:
        def __init__(self, data):
            self._data = data

        def stream(self, **_):
            yield self._data

    def serve(request, **_):
        return AWSResponse(request.url, served["status"], served["headers"], RawBody(served["body"]))

    client.meta.events.register("before-send.sts", serve)

    files = sorted(Path(argv[1]).glob("*.json"))
    failures = []
    passed = 0
    seen_required = set()
    for path in files:
        case = json.loads(path.read_text(encoding="utf-8"))
        problems = []
        shape = model.operation_model(case["operation"]).output_shape
        headers = dict(case["headers"])
        problems += check_headers(case)
        response = {"status_code": case["status"], "headers": headers, "body": case["body"].encode("utf-8")}
        try:
            parsed = botocore.parsers.QueryParser().parse(response, shape)
        except Exception as raised:  # a parser that raises is the finding
            parsed = None
            problems.append(f"QueryParser raised {type(raised).__name__}: {raised}")
        if parsed is not None:
            if case["kind"] == "answer":
                problems += check_answer(case, shape, parsed)
            else:
                problems += check_error(case, parsed)
        if case["kind"] == "error":
            served.update(status=case["status"], headers=headers, body=case["body"].encode("utf-8"))
            problems += check_exception(case, client, botocore.exceptions.ClientError)
            code = case["expected"]["Code"]
            if code in REQUIRED_EXCEPTIONS and not problems:
                seen_required.add(code)
        if problems:
            failures += [f"{path.name}: {problem}" for problem in problems]
        else:
            passed += 1
    failed = len(files) - passed
    # Checks of the whole set, each one more failure: an empty folder or a missing required case is no pass.
    whole_set = []
    if not files:
        whole_set.append(f"{argv[1]}: no answers to judge (did write_answers run?)")
    for code in sorted(set(REQUIRED_EXCEPTIONS) - seen_required):
        whole_set.append(f"no error with code {code} made the client raise {REQUIRED_EXCEPTIONS[code]}")
    for failure in failures + whole_set:
        print(f"FAIL {failure}")
    print(f"{passed} passed, {failed + len(whole_set)} failed")
    return 1 if failures or whole_set else 0


def check_headers(case):
    """Exactly one Content-Type, text/xml; x-amzn-RequestId exactly when there is a request id."""
    problems = []
    names = [name.lower() for name, _ in case["headers"]]
    content_types = [value for name, value in case["headers"] if name.lower() == "content-type"]
    if content_types != ["text/xml"]:
        problems.append(f"Content-Type headers {content_types!r}, expected exactly ['text/xml']")
    request_id = expected_request_id(case)
    sent = [value for name, value in case["headers"] if name.lower() == "x-amzn-requestid"]
    if sent != ([request_id] if request_id else []):
        problems.append(f"x-amzn-RequestId headers {sent!r} for request id {request_id!r}")
    if len(set(names)) != len(names):
        problems.append(f"a header is repeated: {names!r}")
    return problems


def expected_request_id(case):
    if case["kind"] == "answer":
        return case["expected"].get("ResponseMetadata", {}).get("RequestId", "")
    return case["expected"]["RequestId"]


def check_answer(case, shape, parsed):
    problems = []
    if parsed.get("ResponseMetadata", {}).get("HTTPStatusCode") != case["status"] or case["status"] != 200:
        problems.append(f"status {case['status']}, botocore saw {parsed.get('ResponseMetadata')!r}")
    expected = {key: value for key, value in case["expected"].items() if key != "ResponseMetadata"}
    got = {key: value for key, value in parsed.items() if key != "ResponseMetadata"}
    problems += compare(shape, expected, got, "")
    request_id = expected_request_id(case)
    metadata = parsed.get("ResponseMetadata", {})
    if request_id:
        if metadata.get("RequestId") != request_id:
            problems.append(f"ResponseMetadata.RequestId {metadata.get('RequestId')!r}, expected {request_id!r}")
    elif "RequestId" in metadata:
        problems.append(f"ResponseMetadata.RequestId {metadata['RequestId']!r} where none was written")
    return problems


def compare(shape, expected, got, path):
    """Every member of `expected` in `got` with the same value, as the model's shape types it; nothing else."""
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(got, dict):
            return [f"{path or '/'}: {got!r} is not a structure"]
        problems = []
        for name in sorted(set(expected) | set(got)):
            where = f"{path}/{name}"
            if name not in got:
                problems.append(f"{where}: missing in botocore's result")
            elif name not in expected:
                problems.append(f"{where}: {got[name]!r} in botocore's result, not written")
            elif name not in shape.members:
                problems.append(f"{where}: not a member of {shape.name}")
            else:
                problems += compare(shape.members[name], expected[name], got[name], where)
        return problems
    if kind == "list":
        if not isinstance(got, list) or len(got) != len(expected):
            return [f"{path}: {got!r}, expected {len(expected)} elements"]
        return [problem for index, (want, have) in enumerate(zip(expected, got))
                for problem in compare(shape.member, want, have, f"{path}/{index}")]
    if kind == "timestamp":
        want = datetime.datetime.fromisoformat(expected)
        if not isinstance(got, datetime.datetime) or got.tzinfo is None or got != want:
            return [f"{path}: {got!r}, expected the instant {expected}"]
        return []
    if got != expected or type(got) is not type(expected):
        return [f"{path}: {got!r}, expected {expected!r}"]
    return []


def check_error(case, parsed):
    problems = []
    expected = case["expected"]
    error = parsed.get("Error", {})
    want_type = "Receiver" if case["status"] >= 500 else "Sender"
    want = {"Type": want_type, "Code": expected["Code"]}
    if expected["Message"]:
        want["Message"] = expected["Message"]  # an empty message is not written, so botocore has none
    if error != want:
        problems.append(f"Error {error!r}, expected {want!r}")
    metadata = parsed.get("ResponseMetadata", {})
    if expected["RequestId"]:
        if metadata.get("RequestId") != expected["RequestId"]:
            problems.append(f"ResponseMetadata.RequestId {metadata.get('RequestId')!r}, "
                            f"expected {expected['RequestId']!r}")
    elif "RequestId" in metadata:
        problems.append(f"ResponseMetadata.RequestId {metadata['RequestId']!r} where none was written")
    if metadata.get("HTTPStatusCode") != case["status"]:
        problems.append(f"HTTPStatusCode {metadata.get('HTTPStatusCode')!r}, expected {case['status']}")
    return problems


def check_exception(case, client, client_error):
    """The class a boto3 client raises for this answer, and the code and message it carries."""
    expected = case["expected"]
    try:
        client.get_caller_identity()
    except client_error as raised:
        problems = []
        name = type(raised).__name__
        if name != case["exception"]:
            problems.append(f"the client raised {name}, expected {case['exception']}")
        if case["exception"] != "ClientError" and not isinstance(raised, getattr(client.exceptions, case["exception"])):
            problems.append(f"the client raised {name}, not client.exceptions.{case['exception']}")
        if raised.response.get("Error", {}).get("Code") != expected["Code"]:
            problems.append(f"the client's error code {raised.response.get('Error')!r}, expected {expected['Code']!r}")
        if raised.response.get("Error", {}).get("Message", "") != expected["Message"]:
            problems.append(f"the client's message {raised.response.get('Error')!r}, expected {expected['Message']!r}")
        return problems
    except Exception as raised:
        return [f"the client raised {type(raised).__name__}: {raised}"]
    return ["the client raised nothing"]


if __name__ == "__main__":
    sys.exit(main(sys.argv))
