"""tests/peers/run_server.py (CTest peers_server): awsauth's server direction against real clients.

examples/fake_sts (awsauth's from_http_request / to_http_response / to_http_error on cpp-httplib, 127.0.0.1 only)
is asked by the AWS CLI and boto3, pointed at it with --endpoint-url / endpoint_url: the credentials it issues must
arrive, work for GetCallerIdentity, and its errors must become boto3's modeled exceptions (ExpiredTokenException,
IDPCommunicationErrorException for the code IDPCommunicationError) or a plain ClientError for an unmodeled code.
When examples/irsa_client was built too, it must report the fake's error as "STS error CODE: MESSAGE".
Skips (77) with the reason where boto3, awscli or `aws` are missing or fake_sts was not built.

Usage: run_server.py --fake-sts=PATH [--irsa-client=PATH]   (CMake passes "" for a program it did not build)
"""

import argparse
import datetime
import json
import os
import re
import signal
import sys
import tempfile
from pathlib import Path

import peers

ACCOUNT = "123456789012"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/demo"
SESSION = "demo-session"  # not the "s": the model's minimum is 2 characters, which botocore checks itself
SESSION_ARN = f"arn:aws:sts::{ACCOUNT}:assumed-role/demo/{SESSION}"
REGION = "us-east-1"
DUMMY_KEY, DUMMY_SECRET = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"
REQUEST_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9]{12}")
FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}


def parsed_time(text):
    try:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return None


def about_an_hour_ahead(expiration):
    if expiration is None or expiration.tzinfo is None:
        return False
    remaining = expiration - datetime.datetime.now(datetime.timezone.utc)
    return datetime.timedelta(minutes=59) < remaining <= datetime.timedelta(hours=1, seconds=5)


def sts_client(url, key=DUMMY_KEY, secret=DUMMY_SECRET, token=None, validate=True):
    import boto3
    from botocore.config import Config
    return boto3.session.Session().client(
        "sts", endpoint_url=url, region_name=REGION, aws_access_key_id=key, aws_secret_access_key=secret,
        aws_session_token=token, config=Config(retries={"total_max_attempts": 1}, parameter_validation=validate))


def stopped_cleanly(tally, process, signal_number, name):
    process.send_signal(signal_number)
    try:
        status = process.wait(timeout=10)
    except Exception:  # noqa: BLE001 - a fake that does not stop is the failure reported here
        status = None
    tally.check(f"fake_sts stops cleanly on {name} (exit 0)", status == 0, f"exit status {status}")


def check_cli(tally, url):
    dummy = peers.clean_environment(AWS_ACCESS_KEY_ID=DUMMY_KEY, AWS_SECRET_ACCESS_KEY=DUMMY_SECRET)
    endpoint = ["--endpoint-url", url, "--region", REGION, "--output", "json"]
    assumed = peers.run(["aws", "sts", "assume-role", "--role-arn", ROLE_ARN, "--role-session-name", SESSION,
                         *endpoint], dummy)
    answer = json.loads(assumed.stdout) if assumed.returncode == 0 else {}
    credentials = answer.get("Credentials", {})
    tally.check("aws sts assume-role prints the credentials the fake issued (ASIA key, expiration an hour ahead)",
                credentials.get("AccessKeyId", "").startswith("ASIA") and len(credentials["AccessKeyId"]) == 20
                and credentials.get("SecretAccessKey") and credentials.get("SessionToken")
                and about_an_hour_ahead(parsed_time(credentials.get("Expiration"))), peers.shown(assumed))
    tally.check("aws sts assume-role: AssumedRoleUser is the role session",
                answer.get("AssumedRoleUser", {}).get("Arn") == SESSION_ARN, peers.shown(assumed))
    if not credentials:
        raise RuntimeError("no credentials to go on with")

    as_role = peers.clean_environment(AWS_ACCESS_KEY_ID=credentials["AccessKeyId"],
                                      AWS_SECRET_ACCESS_KEY=credentials["SecretAccessKey"],
                                      AWS_SESSION_TOKEN=credentials["SessionToken"])
    caller = peers.run(["aws", "sts", "get-caller-identity", *endpoint], as_role)
    identity = json.loads(caller.stdout) if caller.returncode == 0 else {}
    tally.check("aws sts get-caller-identity with those credentials prints the assumed role",
                identity.get("Arn") == SESSION_ARN and identity.get("Account") == ACCOUNT
                and identity.get("UserId", "").endswith(":" + SESSION), peers.shown(caller))

    stranger = peers.run(["aws", "sts", "get-caller-identity", *endpoint], dummy)
    tally.check("aws sts get-caller-identity with keys the fake never issued: InvalidClientTokenId",
                stranger.returncode != 0 and "(InvalidClientTokenId)" in stranger.stderr, peers.shown(stranger))


def check_boto3(tally, url):
    from botocore.exceptions import ClientError
    client = sts_client(url, key=None, secret=None)  # no credentials at all: the operation is unsigned
    answer = client.assume_role_with_web_identity(RoleArn=ROLE_ARN, RoleSessionName=SESSION,
                                                  WebIdentityToken="header.payload.signature", DurationSeconds=900)
    credentials = answer.get("Credentials", {})
    metadata = answer.get("ResponseMetadata", {})
    tally.check("boto3 assume_role_with_web_identity (unsigned): credentials, role session, request id",
                credentials.get("AccessKeyId", "").startswith("ASIA")
                and isinstance(credentials.get("Expiration"), datetime.datetime)
                and datetime.timedelta(minutes=14) < credentials["Expiration"] - datetime.datetime.now(
                    datetime.timezone.utc) <= datetime.timedelta(minutes=15, seconds=5)
                and answer.get("AssumedRoleUser", {}).get("Arn") == SESSION_ARN
                and metadata.get("HTTPStatusCode") == 200 and REQUEST_ID.fullmatch(metadata.get("RequestId", "")),
                repr(answer))

    session = sts_client(url).get_session_token()
    session_credentials = session["Credentials"]
    who = sts_client(url, session_credentials["AccessKeyId"], session_credentials["SecretAccessKey"],
                     session_credentials["SessionToken"]).get_caller_identity()
    tally.check("boto3 get_session_token, then get_caller_identity with its credentials",
                who.get("Arn") == f"arn:aws:iam::{ACCOUNT}:user/fake-sts-user", repr(who))

    federated = sts_client(url).get_federation_token(Name="peers")
    tally.check("boto3 get_federation_token: the federated user",
                federated.get("FederatedUser", {}).get("Arn") == f"arn:aws:sts::{ACCOUNT}:federated-user/peers"
                and federated["Credentials"]["AccessKeyId"].startswith("ASIA"), repr(federated))

    # botocore checks DurationSeconds' minimum itself; without its check the fake's own ValidationError shows.
    try:
        sts_client(url, validate=False).assume_role(RoleArn=ROLE_ARN, RoleSessionName=SESSION, DurationSeconds=60)
        error = None
    except ClientError as raised:
        error = raised.response.get("Error", {})
    tally.check("a request breaking the model's constraints: ValidationError naming the member",
                error is not None and error.get("Code") == "ValidationError"
                and "/DurationSeconds" in error.get("Message", ""), repr(error))

    try:
        sts_client(url).decode_authorization_message(EncodedMessage="x")
        error = None
    except ClientError as raised:
        error = raised.response.get("Error", {})
    tally.check("an operation the fake does not implement: InvalidAction saying so",
                error is not None and error.get("Code") == "InvalidAction"
                and "DecodeAuthorizationMessage" in error.get("Message", ""), repr(error))


def check_raw_requests(tally, url):
    status, body = peers.http_post(url + "/", "Action=NoSuchAction&Version=2011-06-15", FORM)
    tally.check("an unknown Action: 400 InvalidAction", status == 400 and "<Code>InvalidAction</Code>" in body, body)
    secret_token = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2Vu.c2lnbmF0dXJl"
    status, body = peers.http_post(url + "/", "Action=AssumeRoleWithWebIdentity&Version=2011-06-15"
                                   f"&RoleSessionName={SESSION}&WebIdentityToken={secret_token}", FORM)
    tally.check("a request missing a required member: 400 ValidationError naming it, not echoing the token",
                status == 400 and "<Code>ValidationError</Code>" in body and "RoleArn" in body
                and secret_token not in body, body)


def check_failures(tally, program, irsa_client, environment):
    from botocore.exceptions import ClientError
    with peers.fake_sts(program, environment, "--fail", "ExpiredTokenException:400") as (url, process):
        client = sts_client(url)
        try:
            client.assume_role(RoleArn=ROLE_ARN, RoleSessionName=SESSION)
            raised = None
        except client.exceptions.ExpiredTokenException as error:
            raised = error
        except ClientError as error:
            raised = None
            print(f"     raised {error!r}")
        tally.check("--fail ExpiredTokenException:400: boto3 raises client.exceptions.ExpiredTokenException",
                    raised is not None and raised.response["ResponseMetadata"]["HTTPStatusCode"] == 400
                    and REQUEST_ID.fullmatch(raised.response["ResponseMetadata"].get("RequestId", "")))
        if irsa_client:
            with tempfile.TemporaryDirectory() as scratch:
                token = "eyJhbGciOiJSUzI1NiJ9.aXJzYS1wZWVycw.c2lnbmF0dXJl-secret"
                token_file = Path(scratch) / "token"
                token_file.write_text(token)
                refused = peers.run([irsa_client], peers.clean_environment(
                    AWS_ROLE_ARN=ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE=str(token_file), AWS_ENDPOINT_URL_STS=url))
            tally.check("irsa_client on a failing STS: exit 1, `irsa_client: STS error CODE: MESSAGE`, no token",
                        refused.returncode == 1 and not refused.stdout
                        and refused.stderr == "irsa_client: STS error ExpiredTokenException: "
                                              "fake_sts was told to fail every call with ExpiredTokenException\n"
                        and token not in refused.stderr, peers.shown(refused))
        stopped_cleanly(tally, process, signal.SIGINT, "SIGINT")

    with peers.fake_sts(program, environment, "--fail", "IDPCommunicationError:400") as (url, process):
        client = sts_client(url, key=None, secret=None)
        try:
            client.assume_role_with_web_identity(RoleArn=ROLE_ARN, RoleSessionName=SESSION, WebIdentityToken="a.b.c")
            raised = None
        except client.exceptions.IDPCommunicationErrorException as error:
            raised = error
        except ClientError as error:
            raised = None
            print(f"     raised {error!r}")
        tally.check("--fail IDPCommunicationError:400: boto3 raises client.exceptions.IDPCommunicationErrorException",
                    raised is not None and raised.response["Error"]["Code"] == "IDPCommunicationError")

    with peers.fake_sts(program, environment, "--fail", "ExpiredToken:400") as (url, process):
        client = sts_client(url)
        try:
            client.get_caller_identity()
            raised = None
        except ClientError as error:
            raised = error
        tally.check("--fail ExpiredToken:400 (unmodeled): a plain ClientError with Code ExpiredToken",
                    raised is not None and raised.response["Error"]["Code"] == "ExpiredToken"
                    and not isinstance(raised, client.exceptions.ExpiredTokenException), repr(raised))

    for malformed in ("ExpiredToken:abc", "ExpiredToken:200"):
        bad_usage = peers.run([program, "--fail", malformed, "0"], environment)
        tally.check(f"fake_sts refuses --fail {malformed}: exit 2 with its usage",
                    bad_usage.returncode == 2 and "usage: fake_sts" in bad_usage.stderr, peers.shown(bad_usage))


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--fake-sts", default="")
    arguments.add_argument("--irsa-client", default="")
    chosen = arguments.parse_args()
    peers.require_built(chosen.fake_sts, "examples/fake_sts",
                        "AWSAUTH_EXAMPLES, expat (awsauth::wire) and cpp-httplib (Debian: libcpp-httplib-dev)")
    peers.require_modules("boto3", "awscli")
    peers.require_program("aws")
    environment = peers.clean_environment()
    os.environ.clear()  # boto3 runs in this process: the same clean environment as the children's
    os.environ.update(environment)
    if not chosen.irsa_client:
        print("note: examples/irsa_client was not built, so its check against the failing fake is left out")

    tally = peers.Tally()
    try:
        with peers.fake_sts(chosen.fake_sts, environment) as (url, process):
            check_cli(tally, url)
            check_boto3(tally, url)
            check_raw_requests(tally, url)
            stopped_cleanly(tally, process, signal.SIGTERM, "SIGTERM")
        check_failures(tally, chosen.fake_sts, chosen.irsa_client, environment)
    except Exception as error:  # noqa: BLE001 - whatever broke, the tally says so and the servers are stopped
        tally.crashed(error)
    return tally.finish()


if __name__ == "__main__":
    sys.exit(main())
