"""tests/peers/run_serve.py (CTest peers_serve): boto3 and the AWS CLI v1 as the judges of `awsauth-creds serve`.

moto's STS (python3 -m moto.server on 127.0.0.1) issues real role credentials; its AssumeRole answer, written as
boto3's json.dumps(default=str) or as `aws sts assume-role` prints it, is serve's SOURCE. boto3 and the AWS CLI, in
an environment with nothing but serve's two variables, the STS endpoint and a region (no keys, empty configuration
files, an empty HOME, no instance metadata), must take the credentials from serve and call GetCallerIdentity on moto
with them; take the new ones once SOURCE is replaced; and refuse, with an error, a SOURCE that is expired or expires
within --min-validity. Serve's stderr never holds a secret key, a session token or the authorization token.
examples/container_credentials, where built, reads the same endpoint.
Skips (77) with the reason where boto3, awscli, moto or `aws` are missing or awsauth-creds (with serve) was not built.

Usage: run_serve.py --awsauth-creds=PATH [--container-credentials=PATH]   (CMake passes "" for what it did not build)
"""

import argparse
import datetime
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import peers

ACCOUNT = "123456789012"  # moto's default account
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/served"
REGION = "us-east-1"
DUMMY_KEY, DUMMY_SECRET = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"

# Run by boto3 in a child process with only the environment under test: which provider botocore chose, the access key
# and expiry it holds, and what GetCallerIdentity said; or the exception. Never the secret key or the token.
PROBE = r"""
import json
import boto3
result = {}
try:
    session = boto3.session.Session()
    credentials = session.get_credentials()
    result["method"] = credentials.method if credentials else None
    result["access_key"] = credentials.access_key if credentials else None
    result["account_id"] = getattr(credentials, "account_id", None)
    # RefreshableCredentials has no public accessor for it: the datetime botocore parsed from Expiration.
    expiry = getattr(credentials, "_expiry_time", None)
    result["expiry"] = expiry.isoformat() if expiry else None
    result["arn"] = session.client("sts").get_caller_identity()["Arn"]
except Exception as error:
    result["error"] = f"{type(error).__module__}.{type(error).__name__}"
    result["message"] = str(error)
print(json.dumps(result))
"""


def moto_sts(url):
    import boto3
    from botocore.config import Config
    return boto3.session.Session().client(
        "sts", endpoint_url=url, region_name=REGION, aws_access_key_id=DUMMY_KEY, aws_secret_access_key=DUMMY_SECRET,
        config=Config(retries={"total_max_attempts": 1}))


def write_atomically(path, text):
    """A reader (serve, on its next request) sees the old file or the new one, never half of one."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text)
    os.replace(partial, path)


def boto3_source(url, session_name, duration=3600):
    """moto's AssumeRole answer as a boto3 user saves it: json.dumps(response, default=str), whose Expiration is
    str(datetime) ("2026-11-27 15:04:05.123456+00:00", a space and no Z)."""
    response = moto_sts(url).assume_role(RoleArn=ROLE_ARN, RoleSessionName=session_name, DurationSeconds=duration)
    return json.dumps(response, default=str), response


def cli_source(url, session_name):
    """moto's AssumeRole answer as `aws sts assume-role` prints it (Expiration "2026-11-27T15:04:05.123456+00:00")."""
    environment = peers.clean_environment(AWS_ACCESS_KEY_ID=DUMMY_KEY, AWS_SECRET_ACCESS_KEY=DUMMY_SECRET)
    completed = peers.run(["aws", "sts", "assume-role", "--role-arn", ROLE_ARN, "--role-session-name", session_name,
                           "--endpoint-url", url, "--region", REGION, "--output", "json"], environment)
    if completed.returncode != 0:
        raise RuntimeError(f"aws sts assume-role against moto failed: {peers.shown(completed)}")
    return completed.stdout, json.loads(completed.stdout)


def parsed_time(value):
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T"))


class Judges:
    """boto3, the AWS CLI and examples/container_credentials, each run in the environment serve's exports make."""

    def __init__(self, tally, scratch, moto_url, container_credentials):
        self.tally = tally
        self.moto_url = moto_url
        self.container_credentials = container_credentials
        home = Path(scratch) / "home"
        home.mkdir()
        self.empty_files = {}
        for name in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
            empty = Path(scratch) / name.lower()
            empty.write_text("")
            self.empty_files[name] = str(empty)
        self.home = str(home)
        self.secrets = []  # every secret key, session token and authorization token the test handled
        self.outputs = []  # what the judges printed, searched for those at the end

    def environment(self, exports):
        """Only the two variables serve printed, where STS is, and a region: nothing else can supply credentials."""
        return peers.clean_environment(HOME=self.home, AWS_ENDPOINT_URL_STS=self.moto_url,
                                       AWS_DEFAULT_REGION=REGION, **self.empty_files, **exports)

    def boto3(self, exports):
        completed = peers.run([sys.executable, "-c", PROBE], self.environment(exports))
        self.outputs.append(completed.stdout + completed.stderr)
        try:
            return json.loads(completed.stdout)
        except ValueError:
            return {"error": "the probe printed no JSON", "message": peers.shown(completed)}

    def aws(self, exports):
        completed = peers.run(["aws", "sts", "get-caller-identity", "--output", "json"], self.environment(exports))
        self.outputs.append(completed.stdout + completed.stderr)
        return completed

    def check_served(self, name, exports, answer):
        """boto3 and the AWS CLI take `answer`'s credentials from serve and are moto's assumed role with them."""
        credentials, role = answer["Credentials"], answer["AssumedRoleUser"]["Arn"]
        probe = self.boto3(exports)
        self.tally.check(f"{name}: boto3 takes the credentials from the container provider, the access key of SOURCE",
                         probe.get("method") == "container-role"
                         and probe.get("access_key") == credentials["AccessKeyId"], f"probe {probe}")
        expiry = probe.get("expiry")
        self.tally.check(f"{name}: the expiry botocore parsed is SOURCE's Expiration",
                         expiry is not None
                         and parsed_time(expiry).replace(microsecond=0)
                         == parsed_time(credentials["Expiration"]).replace(microsecond=0),
                         f"botocore {expiry}, SOURCE {credentials['Expiration']}")
        self.tally.check(f"{name}: botocore's account id is the one in the assumed role's ARN ({ACCOUNT})",
                         probe.get("account_id") == ACCOUNT, f"probe {probe}")
        self.tally.check(f"{name}: boto3 sts.get_caller_identity() on moto with them names the assumed role",
                         probe.get("arn") == role, f"probe {probe}")
        aws = self.aws(exports)
        identity = json.loads(aws.stdout) if aws.returncode == 0 else {}
        self.tally.check(f"{name}: aws sts get-caller-identity with them names the assumed role",
                         identity.get("Arn") == role, peers.shown(aws))
        if self.container_credentials:
            example = peers.run([self.container_credentials], self.environment(exports))
            self.outputs.append(example.stdout + example.stderr)
            self.tally.check(f"{name}: examples/container_credentials reads the same access key from serve",
                             example.returncode == 0
                             and f'{{"AccessKeyId":"{credentials["AccessKeyId"]}",' in example.stdout
                             and example.stdout.endswith("expires within 5 minutes: no\n"), peers.shown(example))

    def check_refused(self, name, exports, status):
        """boto3 raises instead of using what SOURCE holds; the AWS CLI exits with an error."""
        probe = self.boto3(exports)
        self.tally.check(f"{name}: boto3 raises botocore.exceptions.CredentialRetrievalError (non-200 {status})",
                         probe.get("error") == "botocore.exceptions.CredentialRetrievalError"
                         and f"Received non 200 response {status}" in probe.get("message", "")
                         and "access_key" not in probe and "arn" not in probe, f"probe {probe}")
        aws = self.aws(exports)
        self.tally.check(f"{name}: aws sts get-caller-identity fails (exit 255), naming the container provider",
                         aws.returncode == 255 and "container-role" in aws.stderr and not aws.stdout,
                         peers.shown(aws))


def stopped(tally, name, process, log, secrets_handled):
    process.send_signal(signal.SIGTERM)
    try:
        status = process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        status = None
    tally.check(f"{name}: SIGTERM stops it, exit 0", status == 0, f"exit status {status}")
    log.seek(0)
    stderr = log.read().decode(errors="replace")
    leaked = [secret for secret in secrets_handled if secret in stderr]
    tally.check(f"{name}: its stderr ({len(stderr.splitlines())} lines) holds no secret key, session token or "
                f"authorization token", not leaked, f"{len(leaked)} of them found")


def secrets_of(answer):
    return [answer["Credentials"]["SecretAccessKey"], answer["Credentials"]["SessionToken"]]


def require_serve(program):
    """awsauth-creds built without cpp-httplib has no serve: asked to serve, it says so and exits 1. With serve, a
    token file that is not there is refused before it listens, so this probe never starts a server."""
    with tempfile.TemporaryDirectory() as scratch:
        probe = peers.run([program, "serve", "--token-file", f"{scratch}/no-token", f"{scratch}/no-source.json"],
                          peers.clean_environment())
    if probe.returncode == 1 and "built without cpp-httplib" in probe.stderr:
        peers.skip("awsauth-creds was built without serve, which needs cpp-httplib (Debian: libcpp-httplib-dev)")
    if probe.returncode == 2:  # bad usage: an awsauth-creds from before serve (issue 12)
        first_line = (probe.stderr.splitlines() or [""])[0]
        peers.skip(f"this awsauth-creds has no `serve [--token-file FILE] SOURCE` (exit 2: {first_line})")


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--awsauth-creds", default="")
    arguments.add_argument("--container-credentials", default="")
    chosen = arguments.parse_args()
    peers.require_built(chosen.awsauth_creds, "apps/awsauth-creds", "AWSAUTH_EXAMPLES (which builds apps/)")
    peers.require_modules("boto3", "moto", "moto.server", "awscli")
    peers.require_program("aws")
    require_serve(chosen.awsauth_creds)
    if not chosen.container_credentials:
        print("NOTE examples/container_credentials was not built (AWSAUTH_EXAMPLES, libcurl): its checks are left out",
              flush=True)

    tally = peers.Tally()
    judges = None
    try:
        with tempfile.TemporaryDirectory() as scratch, peers.moto_server(peers.clean_environment()) as url:
            judges = Judges(tally, scratch, url, chosen.container_credentials)
            source = Path(scratch) / "role.json"
            text, first = boto3_source(url, "served-first")
            source.write_text(text)
            judges.secrets += secrets_of(first)
            serve_environment = peers.clean_environment()

            # A generated token: serve prints it as AWS_CONTAINER_AUTHORIZATION_TOKEN.
            with peers.awsauth_creds_serve(chosen.awsauth_creds, serve_environment, "--port", "0",
                                           str(source)) as (exports, process, log):
                token = exports.get("AWS_CONTAINER_AUTHORIZATION_TOKEN", "")
                judges.secrets.append(token)
                tally.check("serve prints FULL_URI on 127.0.0.1 and a generated AWS_CONTAINER_AUTHORIZATION_TOKEN",
                            exports["AWS_CONTAINER_CREDENTIALS_FULL_URI"].startswith(f"http://{peers.HOST}:")
                            and len(token) >= 32, f"variables {sorted(exports)}")
                judges.check_served("boto3's json.dumps(default=str) as SOURCE", exports, first)

                text, second = cli_source(url, "served-second")
                judges.secrets += secrets_of(second)
                write_atomically(source, text)
                judges.check_served("SOURCE replaced by `aws sts assume-role`'s output", exports, second)

                expired = json.loads(text)
                expired["Credentials"]["Expiration"] = (datetime.datetime.now(datetime.timezone.utc)
                                                        - datetime.timedelta(hours=1)).isoformat()
                write_atomically(source, json.dumps(expired, indent=4))
                judges.check_refused("SOURCE expired an hour ago", exports, 503)

                wrong = dict(exports, AWS_CONTAINER_AUTHORIZATION_TOKEN="wrong-" + secrets.token_hex(16))
                write_atomically(source, text)
                judges.check_refused("a wrong authorization token", wrong, 403)
                stopped(tally, "serve with a generated token", process, log, judges.secrets)

            # --token-file: serve and the SDKs read the file on every request, so the token can change under them.
            token_file = Path(scratch) / "serve-token"
            file_token = secrets.token_urlsafe(32)
            token_file.write_text(file_token)  # no line break: botocore refuses a token that holds one
            judges.secrets.append(file_token)
            text, third = boto3_source(url, "served-third")
            judges.secrets += secrets_of(third)
            write_atomically(source, text)
            with peers.awsauth_creds_serve(chosen.awsauth_creds, serve_environment, "--port", "0", "--token-file",
                                           str(token_file), "--min-validity", "30m",
                                           str(source)) as (exports, process, log):
                tally.check("serve --token-file prints AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE with the file's path",
                            exports.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") == str(token_file),
                            f"variables {sorted(exports)}")
                judges.check_served("--token-file", exports, third)

                rotated = secrets.token_urlsafe(32)
                judges.secrets.append(rotated)
                write_atomically(token_file, rotated)
                judges.check_served("--token-file after the token in the file changed", exports, third)

                # 15 minutes, moto's and STS's minimum, is inside --min-validity 30m.
                text, short = boto3_source(url, "served-short", duration=900)
                judges.secrets += secrets_of(short)
                write_atomically(source, text)
                judges.check_refused("SOURCE expiring within --min-validity 30m", exports, 503)
                stopped(tally, "serve --token-file", process, log, judges.secrets)
    except Exception as error:  # noqa: BLE001 - whatever broke, the tally says so and the servers are stopped
        tally.crashed(error)
    if judges is not None:
        leaked = [secret for secret in judges.secrets if any(secret in text for text in judges.outputs)]
        tally.check("no judge printed a secret key, session token or authorization token (botocore's error "
                    "messages quote serve's error bodies)", not leaked, f"{len(leaked)} of them found")
    return tally.finish()


if __name__ == "__main__":
    sys.exit(main())
