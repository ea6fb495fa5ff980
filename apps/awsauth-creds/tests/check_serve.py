#!/usr/bin/env python3
"""CTest creds_serve: runs `awsauth-creds serve` as a user does and talks HTTP to it (Python's standard library only).

    check_serve.py TOOL REPOSITORY_ROOT

Starts the endpoint on port 0 (127.0.0.1, the port the system chose), reads the export lines, and checks each answer:
no token 401, a wrong one 403, the right one 200 with the container-credentials JSON byte for byte (derived here
from the source, not from the tool), the source replaced between requests (the next answer has the new
credentials), an STS response as the source, an expired, unreadable, invalid or long-term source 503 with the
JSON error, other methods 405, other paths 404; with --token-file, the file changed between requests; with
--min-validity, credentials expiring within it 503; SIGTERM and SIGINT stop it with exit status 0. stderr has a line
per request and never the secret key, the session token or the authorization token. Exits 77 (CTest: skipped)
where the tool was built without serve (no cpp-httplib).
"""
import http.client
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile

TOOL, ROOT = sys.argv[1], pathlib.Path(sys.argv[2])
INPUT = ROOT / "apps" / "awsauth-creds" / "tests" / "input"
FAILURES = []
STARTED = []  # every serve process, killed at the end if a failed check left one running

# Far from any clock this test runs at: valid for decades, or expired for decades.
FUTURE = "2099-01-01T00:00:00Z"
PAST = "2000-01-01T00:00:00Z"


def check(condition, what):
    if not condition:
        FAILURES.append(what)
    return condition


def container_source(name, expiration):
    """A real container document (tests/README.md says where each comes from) with its expiration moved."""
    document = json.loads((INPUT / name).read_text())
    document["Expiration"] = expiration
    return document


def expected_body(document):
    """What the EKS Pod Identity agent would send for these credentials: Go's json.Marshal, compact, key order
    AccessKeyId, SecretAccessKey, Token, AccountId (where known), Expiration."""
    answer = {"AccessKeyId": document["AccessKeyId"], "SecretAccessKey": document["SecretAccessKey"],
              "Token": document["Token"]}
    if document.get("AccountId"):
        answer["AccountId"] = document["AccountId"]
    answer["Expiration"] = document["Expiration"]
    return json.dumps(answer, separators=(",", ":")).encode()


def write_atomically(path, text):
    """As a refresher should: a new file renamed over the old one, so no request reads half a document."""
    temporary = path.with_suffix(".new")
    temporary.write_text(text)
    os.replace(temporary, path)


def request(port, token=None, method="GET", path="/v1/credentials"):
    """(status, content type, body) of one request; http.client, so no proxy setting of the environment applies."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Accept": "application/json"}  # what botocore's ContainerMetadataFetcher sends
    if token is not None:
        headers["Authorization"] = token
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    answer = (response.status, response.getheader("Content-Type"), response.read())
    connection.close()
    return answer


def error_code(body):
    try:
        document = json.loads(body)
    except ValueError:
        return None
    return document.get("code") if set(document) == {"code", "message"} else None


class Endpoint:
    """One `awsauth-creds serve` process: started, its two export lines read, stopped by a signal."""

    def __init__(self, *arguments):
        self.process = subprocess.Popen([TOOL, "serve", *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        STARTED.append(self.process)
        # serve closes its standard output after the two lines, so this read ends.
        self.exports = self.process.stdout.read().decode()
        self.stderr = ""

    def stop(self, signal_number):
        self.process.send_signal(signal_number)
        try:
            status = self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            status = self.process.wait()
        self.stderr = self.process.stderr.read().decode()
        return status


def main():
    workdir = pathlib.Path(tempfile.mkdtemp(prefix="awsauth-creds-serve-"))
    try:
        return checks(workdir)
    finally:
        for process in STARTED:
            if process.poll() is None:
                process.kill()
                process.wait()
        shutil.rmtree(workdir, ignore_errors=True)


def checks(workdir):
    source = workdir / "source.json"
    pod = container_source("container-pod-identity.json", FUTURE)
    ecs = container_source("container-ecs.json", FUTURE)
    write_atomically(source, json.dumps(pod))

    # --- A generated token.
    endpoint = Endpoint("--port", "0", str(source))
    if endpoint.process.poll() is not None or not endpoint.exports:
        status = endpoint.stop(signal.SIGTERM) if endpoint.process.poll() is None else endpoint.process.wait()
        stderr = endpoint.process.stderr.read().decode() if not endpoint.stderr else endpoint.stderr
        if "built without cpp-httplib" in stderr:
            print("awsauth-creds was built without cpp-httplib (Debian: libcpp-httplib-dev): serve is not tested")
            return 77
        print(f"serve did not start: exit {status}, stderr {stderr!r}")
        return 1
    match = re.fullmatch(r"export AWS_CONTAINER_CREDENTIALS_FULL_URI='http://127\.0\.0\.1:(\d+)/v1/credentials'\n"
                         r"export AWS_CONTAINER_AUTHORIZATION_TOKEN='([0-9a-f]{64})'\n", endpoint.exports)
    if not check(match, f"the export lines: {endpoint.exports!r}"):
        endpoint.stop(signal.SIGTERM)
        return report()
    port, token = int(match[1]), match[2]
    check(port != 0, "port 0 printed instead of the port chosen")

    status, content_type, body = request(port)
    check(status == 401 and body == b'{"code":"MissingAuthorization","message":"the request has no Authorization '
          b'header"}', f"no token: {status} {body!r}")
    status, _, body = request(port, token="0" * 64)
    check(status == 403 and body == b'{"code":"AccessDenied","message":"the Authorization header does not hold '
          b'the token"}', f"wrong token: {status} {body!r}")
    status, _, body = request(port, token=token[:-1])
    check(status == 403, f"the token less its last digit: {status}")
    status, content_type, body = request(port, token=token)
    check(status == 200 and content_type == "application/json" and body == expected_body(pod),
          f"the token: {status} {content_type} {body!r}, expected {expected_body(pod)!r}")

    # The source replaced: the next request has the new credentials (ECS's document: RoleArn, no AccountId).
    write_atomically(source, json.dumps(ecs))
    status, _, body = request(port, token=token)
    check(status == 200 and body == expected_body(ecs), f"after replacing the source: {status} {body!r}")

    # Any document the tool reads: an AWS CLI AssumeRole response, its account from the assumed role's ARN.
    assume_role = json.loads((ROOT / "tests/data/awscli-v1/sts-assume-role-full.json").read_text())
    assume_role["Credentials"]["Expiration"] = FUTURE
    write_atomically(source, json.dumps(assume_role))
    credentials = assume_role["Credentials"]
    expected = expected_body({"AccessKeyId": credentials["AccessKeyId"], "Token": credentials["SessionToken"],
                              "SecretAccessKey": credentials["SecretAccessKey"], "AccountId": "123456789012",
                              "Expiration": FUTURE})
    status, _, body = request(port, token=token)
    check(status == 200 and body == expected, f"an STS response as the source: {status} {body!r}")

    # Sources it will not serve: 503 and the reason's code, never the credentials.
    secrets = [pod["SecretAccessKey"], pod["Token"], ecs["SecretAccessKey"], ecs["Token"],
               credentials["SecretAccessKey"], credentials["SessionToken"], token]
    unavailable = [
        ("expired", json.dumps(container_source("container-ecs.json", PAST)), "CredentialsExpired"),
        ("long-term keys", (INPUT / "credential-process-long-term.json").read_text(), "NotTemporaryCredentials"),
        ("not JSON", (INPUT / "truncated-assume-role.json").read_text(), "InvalidSource"),
        ("IMDS failure", (INPUT / "imds-failure.json").read_text(), "InvalidSource"),
    ]
    for what, text, code in unavailable:
        write_atomically(source, text)
        status, content_type, body = request(port, token=token)
        check(status == 503 and content_type == "application/json" and error_code(body) == code,
              f"{what}: {status} {body!r}, expected 503 {code}")
        check(not any(secret.encode() in body for secret in secrets), f"{what}: a secret in the body {body!r}")
    source.unlink()
    status, _, body = request(port, token=token)
    check(status == 503 and error_code(body) == "SourceUnreadable", f"no source: {status} {body!r}")

    status, _, body = request(port, token=token, method="POST")
    check(status == 405 and error_code(body) == "MethodNotAllowed", f"POST: {status} {body!r}")
    status, _, body = request(port, token=token, path="/v1/credentials/" + token)
    check(status == 404 and error_code(body) == "NotFound", f"another path: {status} {body!r}")

    status = endpoint.stop(signal.SIGTERM)
    check(status == 0, f"SIGTERM: exit {status}")
    log = endpoint.stderr.splitlines()
    check(len([line for line in log if re.fullmatch(r"awsauth-creds serve: [A-Z]+ \S.* \d{3} .+", line)]) == 13,
          f"one log line per request: {log}")
    check("awsauth-creds serve: GET /v1/credentials 401 no Authorization header" in log, f"the 401 line: {log}")
    check("awsauth-creds serve: GET (another path) 404 no such path" in log, f"the 404 line: {log}")
    check(not any(secret in endpoint.stderr for secret in secrets), "a secret or the token on stderr")

    # --- A token file, re-read on every request; --min-validity.
    token_file = workdir / "token"
    first, second = "eyJhbGciOiJSUzI1NiJ9.first-token.c2lnbmF0dXJl", "eyJhbGciOiJSUzI1NiJ9.second-token.c2ln"
    token_file.write_text(first)
    write_atomically(source, json.dumps(pod))
    endpoint = Endpoint("--token-file", str(token_file), "--min-validity", "999999999s", str(source))
    match = re.fullmatch(r"export AWS_CONTAINER_CREDENTIALS_FULL_URI='http://127\.0\.0\.1:(\d+)/v1/credentials'\n"
                         r"export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE='(.*)'\n", endpoint.exports)
    if check(match and match[2] == str(token_file), f"the export lines with --token-file: {endpoint.exports!r}"):
        port = int(match[1])
        # 2099 is more than 999999999 s (31.7 years) away; 2040 is not.
        status, _, body = request(port, token=first)
        check(status == 200 and body == expected_body(pod), f"the token file's token: {status} {body!r}")
        token_file.write_text(second)
        status, _, body = request(port, token=first)
        check(status == 403, f"the old token after the file changed: {status}")
        status, _, body = request(port, token=second)
        check(status == 200 and body == expected_body(pod), f"the new token: {status} {body!r}")
        write_atomically(source, json.dumps(container_source("container-pod-identity.json", "2040-01-01T00:00:00Z")))
        status, _, body = request(port, token=second)
        check(status == 503 and error_code(body) == "CredentialsExpiringSoon", f"--min-validity: {status} {body!r}")
        token_file.unlink()
        status, _, body = request(port, token=second)
        check(status == 503 and error_code(body) == "TokenFileUnusable", f"no token file: {status} {body!r}")
    status = endpoint.stop(signal.SIGINT)
    check(status == 0, f"SIGINT: exit {status}")
    check(first not in endpoint.stderr and second not in endpoint.stderr and pod["Token"] not in endpoint.stderr
          and pod["SecretAccessKey"] not in endpoint.stderr, "a secret or a token on stderr (--token-file)")

    # A token file SDKs could not send (botocore refuses a line break): refused before serving, exit 1.
    token_file.write_text(first + "\n")
    run = subprocess.run([TOOL, "serve", "--token-file", str(token_file), str(source)], capture_output=True,
                         timeout=20)
    check(run.returncode == 1 and run.stdout == b"" and run.stderr.decode() ==
          f"awsauth-creds: the token file {token_file} holds a line break, which SDKs refuse to send in a header "
          "(write it with printf '%s')\n" and first not in run.stderr.decode(),
          f"a token file ending in a line break: exit {run.returncode}, {run.stderr!r}")
    return report()


def report():
    for failure in FAILURES:
        print("FAILED:", failure)
    print("creds_serve:", "ok" if not FAILURES else f"{len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
