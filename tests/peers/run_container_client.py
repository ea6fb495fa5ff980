"""tests/peers/run_container_client.py (CTest peers_container_client): examples/container_credentials against a
local container credentials endpoint.

The endpoint is Python's http.server on a free port of 127.0.0.1, serving the cited documents of
tests/data/sources/container (its README says where each comes from) and recording every connection and request. The example must send
the token it was given (the token file's content, re-read between two fetches of one run, ahead of the variable),
read the agent's and ECS's documents into the redacted view, refuse the addresses the SDKs refuse without
connecting, refuse every error answer (non-200, a 200 that is an error object or plain text, a redirect, an oversized
body) and never print a token, a secret key, a session token or an answer's body.

Usage: run_container_client.py --container-credentials=PATH   (CMake passes "" where it did not build it)
"""

import argparse
import datetime
import http.server
import json
import secrets
import sys
import tempfile
import threading
from pathlib import Path

import peers

DOCUMENTS = Path(__file__).resolve().parents[1] / "data" / "sources" / "container"
AGENT = (DOCUMENTS / "eks-pod-identity-agent.json").read_bytes()
ECS = (DOCUMENTS / "ecs-task-role.json").read_bytes()
# The secrets of the two documents: no output may hold them.
DOCUMENT_SECRETS = ["some-secret-key", "some-token", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    "IQoJb3JpZ2luX2VjEEM/Example=="]
# What the example prints for each, written here from the documents: the view's keys (Token is SessionToken there),
# secrets as "***", Expiration at awsauth::timestamp's microseconds (the agent's nine digits cut to six).
AGENT_VIEW = ('{"AccessKeyId":"some-access-key","SecretAccessKey":"***","SessionToken":"***",'
              '"Expiration":"1996-03-27T07:45:23.123456Z","AccountId":"some-account-id"}')
ECS_VIEW = ('{"AccessKeyId":"AKIAIOSFODNN7EXAMPLE","SecretAccessKey":"***","SessionToken":"***",'
            '"Expiration":"2021-01-16T00:51:53Z"}')
TEXT = "text/plain; charset=utf-8"
JSON = "application/json"


def fresh_agent_document():
    """The agent's document with Expiration an hour ahead, in the agent's RFC 3339 with nine fraction digits."""
    document = json.loads(AGENT)
    expiration = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    expiration = expiration.replace(microsecond=123456)  # nine digits, as the agent's own test has them
    document["Expiration"] = expiration.strftime("%Y-%m-%dT%H:%M:%S.%f") + "789Z"
    return json.dumps(document, separators=(",", ":")).encode(), expiration


class Endpoint:
    """An HTTP server on 127.0.0.1 answering each path from `routes` (path -> (status, headers, body)); it records
    every connection it accepts and every request's (path, headers). `on_request(count)` runs before each answer."""

    def __init__(self, routes):
        self.routes = routes
        self.connections = 0
        self.requests = []
        self.on_request = None
        endpoint = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - http.server's name
                endpoint.requests.append((self.path, {name.lower(): value for name, value in self.headers.items()}))
                if endpoint.on_request:  # before answering, so the client sees its effect at its next request
                    endpoint.on_request(len(endpoint.requests))
                status, headers, body = endpoint.routes.get(self.path, (404, {"Content-Type": TEXT}, b"no route\n"))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *arguments):  # the test prints what it checks, not an access log
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                # The client hangs up on an oversized answer on purpose: not worth a traceback.
                if not isinstance(sys.exc_info()[1], ConnectionError):
                    super().handle_error(request, client_address)

            def verify_request(self, request, client_address):
                endpoint.connections += 1
                return True

        self.server = Server((peers.HOST, 0), Handler)
        self.url = f"http://{peers.HOST}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exception):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()

    def reset(self):
        self.connections = 0
        self.requests = []
        self.on_request = None


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--container-credentials", default="")
    program = arguments.parse_args().container_credentials
    peers.require_built(program, "examples/container_credentials",
                        "AWSAUTH_EXAMPLES and libcurl (Debian: libcurl4-openssl-dev)")

    fresh, fresh_expiration = fresh_agent_document()
    routes = {
        "/v1/credentials": (200, {"Content-Type": JSON}, AGENT),
        "/ecs": (200, {"Content-Type": JSON}, ECS),
        "/fresh": (200, {"Content-Type": JSON}, fresh),
        "/agent-no-token": (400, {"Content-Type": TEXT},
                            (DOCUMENTS / "eks-pod-identity-agent-error-no-token.txt").read_bytes()),
        "/agent-denied": (403, {"Content-Type": TEXT},
                          (DOCUMENTS / "eks-pod-identity-agent-error-access-denied.txt").read_bytes()),
        "/ecs-not-found": (400, {"Content-Type": JSON},
                           (DOCUMENTS / "ecs-error-credentials-not-found.json").read_bytes()),
        "/error-object-200": (200, {"Content-Type": JSON}, (DOCUMENTS / "sdk-error-example.json").read_bytes()),
        "/plain-text-200": (200, {"Content-Type": TEXT},
                            (DOCUMENTS / "eks-pod-identity-agent-error-no-token.txt").read_bytes()),
        # Go's http.Error text for a panic, with a request id that must not reach the output either.
        "/server-error": (500, {"Content-Type": TEXT},
                          b"internal error serving request " + secrets.token_hex(16).encode() + b"\n"),
        "/redirect": (302, {"Location": "/v1/credentials"}, b""),
        "/oversized": (200, {"Content-Type": JSON},
                       AGENT[:-1] + b',"Padding":"' + b"x" * (100 * 1024) + b'"}'),
    }
    tally = peers.Tally()
    outputs = []  # every run's stdout and stderr, searched for secrets at the end

    def run(environment, *options):
        completed = peers.run([program, *options], peers.clean_environment(**environment))
        outputs.append(completed.stdout + completed.stderr)
        return completed

    try:
        with tempfile.TemporaryDirectory() as scratch, Endpoint(routes) as endpoint:
            token_file = Path(scratch) / "eks-pod-identity-token"
            file_token = "file-token-" + secrets.token_urlsafe(24)
            variable_token = "variable-token-" + secrets.token_urlsafe(24)
            token_file.write_text(file_token)  # as the kubelet writes a projected token: no line break
            tokens = [file_token, variable_token]
            pod = {"AWS_CONTAINER_CREDENTIALS_FULL_URI": endpoint.url + "/v1/credentials",
                   "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": str(token_file)}

            # The Pod Identity agent's document, as a pod fetches it.
            agent = run(pod)
            sent = endpoint.requests
            tally.check("the agent's document: exit 0, the redacted view, expires within 5 minutes (1996)",
                        agent.returncode == 0 and not agent.stderr
                        and agent.stdout == f"{AGENT_VIEW}\nexpires within 5 minutes: yes\n", peers.shown(agent))
            tally.check("one GET of the URI's path, with Authorization = the token file's content and Accept JSON",
                        len(sent) == 1 and sent[0][0] == "/v1/credentials"
                        and sent[0][1].get("authorization") == file_token
                        and sent[0][1].get("accept") == "application/json", f"requests {sent}")

            # The token file wins over the variable (botocore's ContainerProvider._build_headers).
            endpoint.reset()
            both = run({**pod, "AWS_CONTAINER_AUTHORIZATION_TOKEN": variable_token})
            tally.check("with the token file and AWS_CONTAINER_AUTHORIZATION_TOKEN, the file's token is sent",
                        both.returncode == 0 and len(endpoint.requests) == 1
                        and endpoint.requests[0][1].get("authorization") == file_token,
                        f"{peers.shown(both)}; requests {endpoint.requests}")

            # ECS's document, by the name localhost, with the token in the variable.
            endpoint.reset()
            ecs_port = endpoint.url.rsplit(":", 1)[1]
            ecs = run({"AWS_CONTAINER_CREDENTIALS_FULL_URI": f"http://localhost:{ecs_port}/ecs",
                       "AWS_CONTAINER_AUTHORIZATION_TOKEN": variable_token})
            tally.check("ECS's document from http://localhost:PORT: its view (no AccountId), expires within 5 minutes",
                        ecs.returncode == 0 and ecs.stdout == f"{ECS_VIEW}\nexpires within 5 minutes: yes\n",
                        peers.shown(ecs))
            tally.check("AWS_CONTAINER_AUTHORIZATION_TOKEN alone is sent as Authorization",
                        [headers.get("authorization") for _, headers in endpoint.requests] == [variable_token],
                        f"requests {endpoint.requests}")

            endpoint.reset()
            fresh_run = run({"AWS_CONTAINER_CREDENTIALS_FULL_URI": endpoint.url + "/fresh"})
            expected = fresh_expiration.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            tally.check("credentials an hour from expiry: not expiring within 5 minutes",
                        fresh_run.returncode == 0 and f'"Expiration":"{expected}"' in fresh_run.stdout
                        and fresh_run.stdout.endswith("\nexpires within 5 minutes: no\n"), peers.shown(fresh_run))
            tally.check("without a token, no Authorization header is sent",
                        len(endpoint.requests) == 1 and "authorization" not in endpoint.requests[0][1],
                        f"requests {endpoint.requests}")

            # The kubelet replaces the token before it expires: the next fetch of the same run must send the new one.
            # The endpoint rewrites the file before it answers the first request, so before the second can start.
            endpoint.reset()
            rotated_token = "rotated-token-" + secrets.token_urlsafe(24)
            tokens.append(rotated_token)
            endpoint.on_request = lambda count: count == 1 and token_file.write_text(rotated_token)
            twice = run(pod, "--fetches", "2")
            tally.check("--fetches 2: two views",
                        twice.returncode == 0 and twice.stdout == f"{AGENT_VIEW}\nexpires within 5 minutes: yes\n" * 2,
                        peers.shown(twice))
            tally.check("the token file is read again for the second fetch (the rotated token is sent)",
                        [headers.get("authorization") for _, headers in endpoint.requests]
                        == [file_token, rotated_token], f"requests {endpoint.requests}")
            token_file.write_text(file_token)

            def refused_before_sending(name, completed, *wanted):
                tally.check(name, completed.returncode == 1 and not completed.stdout
                            and all(text in completed.stderr for text in wanted)
                            and endpoint.connections == 0, f"{peers.shown(completed)}; "
                            f"{endpoint.connections} connection(s) to the endpoint")

            # A token with a line break would split the header: refused, as botocore refuses it, never trimmed.
            endpoint.reset()
            broken_file = Path(scratch) / "token-with-line-break"
            broken_file.write_text(file_token + "\n")
            refused_before_sending("a token file ending in a line break: refused, named, nothing sent",
                                   run({**pod, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": str(broken_file)}),
                                   str(broken_file), "line break")
            empty_file = Path(scratch) / "empty-token"
            empty_file.write_text("")
            refused_before_sending("an empty token file: refused, named, nothing sent",
                                   run({**pod, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": str(empty_file)}),
                                   str(empty_file), "is empty")
            missing_file = Path(scratch) / "no-such-token"
            refused_before_sending("a missing token file: refused, named, nothing sent",
                                   run({**pod, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": str(missing_file)}),
                                   str(missing_file))
            refused_before_sending("AWS_CONTAINER_AUTHORIZATION_TOKEN with a line break: refused, nothing sent",
                                   run({"AWS_CONTAINER_CREDENTIALS_FULL_URI": endpoint.url + "/v1/credentials",
                                        "AWS_CONTAINER_AUTHORIZATION_TOKEN": variable_token + "\r\nX-Injected: 1"}),
                                   "AWS_CONTAINER_AUTHORIZATION_TOKEN holds a line break")
            refused_before_sending("no AWS_CONTAINER_CREDENTIALS_*_URI: says which to set",
                                   run({}), "AWS_CONTAINER_CREDENTIALS_FULL_URI")

            # The address rule. The last one would reach this endpoint on a dual-stack host if it were let through.
            for url in ["http://10.0.0.1/", "http://169.254.170.3/", "http://[fd00:ec2::24]/",
                        "http://169.254.170.2.example.com/", "ftp://127.0.0.1/",
                        f"http://[::ffff:127.0.0.1]:{ecs_port}/v1/credentials"]:
                endpoint.reset()
                refused_before_sending(f"{url}: refused without a connection",
                                       run({**pod, "AWS_CONTAINER_CREDENTIALS_FULL_URI": url}),
                                       "refused to fetch credentials", "nothing was sent")

            # ECS's relative URI is a path on http://169.254.170.2 and wins over the full URI; the rule judges the URL
            # so made. Suffixes that move the host off 169.254.170.2 show both without sending anything there.
            for suffix, host in [(".invalid/v2/credentials/ecs-credentials-id", "http://169.254.170.2.invalid"),
                                 ("@10.0.0.1/v2/credentials/ecs-credentials-id", "http://10.0.0.1")]:
                endpoint.reset()
                relative = run({**pod, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": suffix})
                refused_before_sending(f"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI={suffix} wins over the full URI and "
                                       f"makes a URL on {host}: refused", relative,
                                       f"refused to fetch credentials from {host}:")
                tally.check("the refusal names scheme and host only, not the rest of the URL",
                            "ecs-credentials-id" not in relative.stderr, peers.shown(relative))

            # Error answers are never read as credentials, and their bodies are never shown.
            refusals = [("/agent-no-token", "HTTP 400"), ("/agent-denied", "HTTP 403"), ("/ecs-not-found", "HTTP 400"),
                        ("/server-error", "HTTP 500"), ("/redirect", "HTTP 302"),
                        ("/error-object-200", "missing"), ("/plain-text-200", "invalid JSON"),
                        ("/oversized", "cannot fetch credentials")]
            for path, reason in refusals:
                endpoint.reset()
                refused = run({**pod, "AWS_CONTAINER_CREDENTIALS_FULL_URI": endpoint.url + path})
                body = routes[path][2].decode()
                tally.check(f"{path} (status {routes[path][0]}): refused ({reason}), its body not shown",
                            refused.returncode == 1 and not refused.stdout and reason in refused.stderr
                            and [p for p, _ in endpoint.requests] == [path]
                            and (not body.strip() or body.strip()[:40] not in refused.stderr),
                            f"{peers.shown(refused)}; requests {endpoint.requests}")

            usage = run(pod, "--fetches", "0")
            tally.check("--fetches 0: usage, exit 2", usage.returncode == 2 and "usage:" in usage.stderr,
                        peers.shown(usage))

            leaked = [secret for secret in tokens + DOCUMENT_SECRETS if any(secret in text for text in outputs)]
            tally.check(f"no token, secret access key or session token in any of the {len(outputs)} runs' output",
                        not leaked, f"found {len(leaked)} of them")
    except Exception as error:  # noqa: BLE001 - whatever broke, the tally says so and the endpoint is stopped
        tally.crashed(error)
    return tally.finish()


if __name__ == "__main__":
    sys.exit(main())
