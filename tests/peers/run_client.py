"""tests/peers/run_client.py (CTest peers_client): awsauth's client direction against real peers.

examples/irsa_client asks moto's STS (python3 -m moto.server on 127.0.0.1) for role credentials with an unsigned
AssumeRoleWithWebIdentity over libcurl; the credentials it prints are then used by tests/peers/signed_call (awsauth's
request, signed by libcurl's own SigV4) and by the AWS CLI (`aws sts get-caller-identity`), which must both see the
assumed role. Skips (77) with the reason where moto, boto3, awscli or `aws` are missing or our programs were not built.

Usage: run_client.py --irsa-client=PATH --signed-call=PATH   (CMake passes "" for a program it did not build)
"""

import argparse
import base64
import datetime
import json
import re
import sys
import tempfile
from pathlib import Path

import peers

ACCOUNT = "123456789012"  # moto's default account; the assumed role's ARN takes its account from the role ARN
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/irsa-demo"
REGION = "us-east-1"
EXPORT_LINE = re.compile(r"export (AWS_[A-Z_]+)='([^']*)'")
EXPORT_NAMES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION"]


def web_identity_token():
    """A JWT-shaped token, as a Kubernetes projected service account token looks. moto checks no signature or claim
    (its AssumeRoleWithWebIdentity is its AssumeRole, which needs no IAM role either), so no role is created."""
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
    return ".".join([part({"alg": "RS256", "kid": "peers"}),
                     part({"iss": "https://oidc.example.com/id/PEERS", "aud": "sts.amazonaws.com",
                           "sub": "system:serviceaccount:default:irsa-demo", "exp": 4102444800}),
                     part({"signature": "not-checked-by-moto-" + "x" * 600})])


def exports_of(stdout):
    """The four `export NAME='value'` lines in awsauth-creds' order, as {name: value}, or None."""
    lines = stdout.splitlines()
    matches = [EXPORT_LINE.fullmatch(line) for line in lines]
    if len(lines) != 4 or not all(matches) or [m.group(1) for m in matches] != EXPORT_NAMES:
        return None
    return {m.group(1): m.group(2) for m in matches}


def check_irsa_client_refusals(tally, irsa_client, token_file, token):
    """What the example says when it cannot start: the missing variable or the file by name, never the token."""
    no_role = peers.run([irsa_client], peers.clean_environment(AWS_WEB_IDENTITY_TOKEN_FILE=str(token_file),
                                                               AWS_REGION=REGION))
    tally.check("irsa_client without AWS_ROLE_ARN: exit 1, says so, prints nothing",
                no_role.returncode == 1 and "AWS_ROLE_ARN is not set" in no_role.stderr and not no_role.stdout,
                peers.shown(no_role))
    missing_file = token_file.with_name("no-such-token")
    no_file = peers.run([irsa_client], peers.clean_environment(AWS_ROLE_ARN=ROLE_ARN, AWS_REGION=REGION,
                                                               AWS_WEB_IDENTITY_TOKEN_FILE=str(missing_file)))
    tally.check("irsa_client with a missing token file: exit 1, names the file",
                no_file.returncode == 1 and str(missing_file) in no_file.stderr and not no_file.stdout,
                peers.shown(no_file))
    no_endpoint = peers.run([irsa_client], peers.clean_environment(AWS_ROLE_ARN=ROLE_ARN,
                                                                   AWS_WEB_IDENTITY_TOKEN_FILE=str(token_file)))
    tally.check("irsa_client without AWS_REGION or AWS_ENDPOINT_URL_STS: exit 1, says which to set",
                no_endpoint.returncode == 1 and "AWS_REGION" in no_endpoint.stderr
                and token not in no_endpoint.stderr, peers.shown(no_endpoint))


def issued_by_moto(url, access_key_id):
    """The role session moto's STS recorded for this access key (its /moto-api/data.json), or None."""
    _, data = peers.http_get(f"{url}/moto-api/data.json", timeout=peers.CHILD_TIMEOUT)
    for role in json.loads(data).get("sts", {}).get("AssumedRole", []):
        if role.get("access_key_id") == access_key_id:
            return role
    return None


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--irsa-client", default="")
    arguments.add_argument("--signed-call", default="")
    chosen = arguments.parse_args()
    peers.require_built(chosen.irsa_client, "examples/irsa_client",
                        "AWSAUTH_EXAMPLES, expat (awsauth::wire) and libcurl (Debian: libcurl4-openssl-dev)")
    peers.require_built(chosen.signed_call, "tests/peers/signed_call",
                        "expat (awsauth::wire) and libcurl (Debian: libcurl4-openssl-dev)")
    peers.require_modules("boto3", "moto", "moto.server", "awscli")
    peers.require_program("aws")

    tally = peers.Tally()
    try:
        with tempfile.TemporaryDirectory() as scratch, peers.moto_server(peers.clean_environment()) as url:
            token = web_identity_token()
            token_file = Path(scratch) / "token"
            token_file.write_text(token + "\n")  # the line break a hand-made file has; the client drops it
            check_irsa_client_refusals(tally, chosen.irsa_client, token_file, token)

            irsa_environment = peers.clean_environment(
                AWS_ROLE_ARN=ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE=str(token_file),
                AWS_ROLE_SESSION_NAME="peers-client", AWS_REGION=REGION, AWS_ENDPOINT_URL_STS=url + "/")
            irsa = peers.run([chosen.irsa_client], irsa_environment)
            exports = exports_of(irsa.stdout)
            tally.check("irsa_client: exit 0, nothing on stderr, four export lines as awsauth-creds --format env",
                        irsa.returncode == 0 and not irsa.stderr and exports is not None, peers.shown(irsa))
            tally.check("irsa_client never prints the web identity token",
                        token not in irsa.stdout and token not in irsa.stderr)
            if exports is None:
                raise RuntimeError("no credentials to go on with")

            key = exports["AWS_ACCESS_KEY_ID"]
            recorded = issued_by_moto(url, key)
            session_arn = f"arn:aws:sts::{ACCOUNT}:assumed-role/irsa-demo/peers-client"
            tally.check("the access key id printed is the one moto issued, for the role session asked for",
                        key.startswith("ASIA") and recorded is not None and recorded.get("arn") == session_arn,
                        f"key {key}, moto's record {recorded}")
            expiration = datetime.datetime.strptime(exports["AWS_CREDENTIAL_EXPIRATION"], "%Y-%m-%dT%H:%M:%SZ")
            remaining = expiration.replace(tzinfo=datetime.timezone.utc) - datetime.datetime.now(datetime.timezone.utc)
            tally.check("AWS_CREDENTIAL_EXPIRATION is whole seconds, UTC, about an hour ahead (moto's default)",
                        datetime.timedelta(minutes=50) < remaining <= datetime.timedelta(hours=1, minutes=1),
                        f"{exports['AWS_CREDENTIAL_EXPIRATION']} is {remaining} ahead")

            # What a user does with the output: eval it in sh. The values must come back byte for byte.
            evaluated = peers.run(["sh", "-c", 'eval "$(cat)" && printf "%s\\n" "$AWS_ACCESS_KEY_ID" '
                                   '"$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION"'],
                                  peers.clean_environment(), stdin_text=irsa.stdout)
            tally.check("sh's eval of the output sets the four variables to the values printed",
                        evaluated.returncode == 0
                        and evaluated.stdout.splitlines() == [exports[name] for name in EXPORT_NAMES],
                        peers.shown(evaluated))

            credentials = peers.clean_environment(**exports)
            signed = peers.run([chosen.signed_call, url, REGION, "get-caller-identity"], credentials)
            tally.check("signed_call (libcurl SigV4): moto's GetCallerIdentity names the assumed role",
                        signed.returncode == 0 and f"Arn: {session_arn}\n" in signed.stdout
                        and f"Account: {ACCOUNT}\n" in signed.stdout, peers.shown(signed))

            aws = peers.run(["aws", "sts", "get-caller-identity", "--endpoint-url", url, "--region", REGION,
                             "--output", "json"], credentials)
            identity = json.loads(aws.stdout) if aws.returncode == 0 else {}
            tally.check("aws sts get-caller-identity with those credentials names the same assumed role",
                        identity.get("Arn") == session_arn and identity.get("Account") == ACCOUNT, peers.shown(aws))

            chained_role = f"arn:aws:iam::{ACCOUNT}:role/chained"
            chained = peers.run([chosen.signed_call, url, REGION, "assume-role", chained_role, "peers-chain"],
                                credentials)
            match = re.search(r"^AccessKeyId: (ASIA\w+)$", chained.stdout, re.MULTILINE)
            tally.check("signed_call: AssumeRole signed with the IRSA credentials (role chaining) gets new credentials",
                        chained.returncode == 0
                        and f"Arn: arn:aws:sts::{ACCOUNT}:assumed-role/chained/peers-chain\n" in chained.stdout
                        and match is not None and match.group(1) != key, peers.shown(chained))

            # Without AWS_ROLE_SESSION_NAME the client makes one up, as the SDKs do.
            del irsa_environment["AWS_ROLE_SESSION_NAME"]
            unnamed = peers.run([chosen.irsa_client], irsa_environment)
            unnamed_exports = exports_of(unnamed.stdout) or {}
            recorded = issued_by_moto(url, unnamed_exports.get("AWS_ACCESS_KEY_ID", ""))
            tally.check("irsa_client without AWS_ROLE_SESSION_NAME names the session irsa-client-<seconds>",
                        unnamed.returncode == 0 and recorded is not None
                        and re.fullmatch(r"irsa-client-\d+", recorded.get("session_name", "")) is not None,
                        f"{peers.shown(unnamed)}; moto's record {recorded}")
    except Exception as error:  # noqa: BLE001 - whatever broke, the tally says so and the servers are stopped
        tally.crashed(error)
    return tally.finish()


if __name__ == "__main__":
    sys.exit(main())
