"""tests/peers/peers.py: what the real-peer tests (run_client.py, run_server.py) share.

A visible skip (exit 77, CTest's SKIP_RETURN_CODE) where a peer or one of our programs is missing; servers on
127.0.0.1 that are stopped on every way out; an environment in which the AWS CLI and boto3 see no configuration,
profile or proxy of the machine's; a timeout on every child process; the tally that ends in "N passed, 0 failed".
Standard library only: the peers themselves (boto3, awscli, moto) are what the tests check for.
"""

import contextlib
import importlib
import os
import select
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

SKIP = 77
HOST = "127.0.0.1"
CHILD_TIMEOUT = 60  # seconds for any one child process; CTest's TIMEOUT (120 s) bounds the whole test
START_TIMEOUT = 45  # moto imports a few hundred modules: slow on a busy machine


def skip(reason):
    print(f"SKIPPED: {reason}", flush=True)
    sys.exit(SKIP)


def require_built(path, program, needs):
    """Our program, as CMake said where it is ("" where it was not built)."""
    if not path:
        skip(f"{program} was not built; it needs {needs}")
    if not os.access(path, os.X_OK):  # CMake defined it, so the build failed or did not run: a failure, not a skip
        print(f"FAIL {program} is not at {path}: build it first", flush=True)
        sys.exit(1)


def require_modules(*names):
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError as missing:
            skip(f"{sys.executable} cannot import {name} ({missing}); the real-peer tests need boto3, awscli and "
                 f"moto[server] (pip install boto3 awscli 'moto[server]')")


def require_program(name):
    if shutil.which(name) is None:
        skip(f"`{name}` is not on PATH; the real-peer tests need the AWS CLI (pip install awscli)")


def clean_environment(**extra):
    """The environment without the machine's AWS settings or proxies, plus `extra`. The CLI and boto3 then read no
    ~/.aws files, ask no instance metadata service, retry nothing and reach 127.0.0.1 directly."""
    proxies = {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("AWS_") and name.lower() not in proxies}
    environment.update(AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
                       AWS_EC2_METADATA_DISABLED="true", AWS_MAX_ATTEMPTS="1", AWS_RETRY_MODE="standard",
                       NO_PROXY=f"{HOST},localhost", no_proxy=f"{HOST},localhost", PYTHONDONTWRITEBYTECODE="1")
    environment.update(extra)
    return environment


def run(argv, environment, stdin_text=None):
    """A child process to its end (CHILD_TIMEOUT at most), its output as text."""
    return subprocess.run(argv, env=environment, input=stdin_text, capture_output=True, text=True,
                          timeout=CHILD_TIMEOUT, check=False)


def free_port():
    """A port nobody listens on now. Another process may take it before the server binds it; start_moto retries."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def stop(process):
    """SIGTERM, then SIGKILL after 10 s; returns the exit status (negative: killed by that signal)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


def log_tail(log):
    log.seek(0)
    return log.read().decode(errors="replace")[-4000:]


def http_get(url, timeout=5):
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=timeout) as answer:
        return answer.status, answer.read()


def http_post(url, body, headers):
    """A raw POST whatever the status: (status, body text)."""
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=CHILD_TIMEOUT) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@contextlib.contextmanager
def moto_server(environment):
    """`python3 -m moto.server` on a free port of 127.0.0.1, answering; yields its URL; stopped on the way out."""
    for attempt in range(3):
        port = free_port()
        url = f"http://{HOST}:{port}"
        with tempfile.TemporaryFile() as log:
            process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", HOST, "-p", str(port)],
                                       stdout=log, stderr=subprocess.STDOUT, env=environment)
            try:
                deadline = time.monotonic() + START_TIMEOUT
                while process.poll() is None and time.monotonic() < deadline:
                    try:
                        if http_get(f"{url}/moto-api/")[0] == 200:
                            break
                    except (urllib.error.URLError, ConnectionError, TimeoutError):
                        time.sleep(0.1)
                else:
                    if process.poll() is None:
                        raise RuntimeError(f"moto server did not answer within {START_TIMEOUT} s:\n{log_tail(log)}")
                    if attempt < 2:  # most likely the port was taken between free_port and moto's bind
                        continue
                    raise RuntimeError(f"moto server exited with {process.returncode}:\n{log_tail(log)}")
                yield url
                return
            except BaseException:
                sys.stderr.write(f"moto server's log:\n{log_tail(log)}\n")
                raise
            finally:
                stop(process)


@contextlib.contextmanager
def fake_sts(program, environment, *options):
    """examples/fake_sts on a port of its choosing; yields (URL, process). Stopped on the way out; the caller may stop
    it earlier to check its exit status."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([program, *options, "0"], stdout=subprocess.PIPE, stderr=log, env=environment)
        try:
            ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT)
            line = process.stdout.readline().decode(errors="replace") if ready else ""
            prefix = f"listening on http://{HOST}:"
            if not line.startswith(prefix):
                raise RuntimeError(f"fake_sts did not say where it listens (first line {line!r}):\n{log_tail(log)}")
            yield line.strip()[len("listening on "):], process
        except BaseException:
            sys.stderr.write(f"fake_sts's stderr:\n{log_tail(log)}\n")
            raise
        finally:
            stop(process)
            process.stdout.close()


@contextlib.contextmanager
def awsauth_creds_serve(program, environment, *arguments):
    """`awsauth-creds serve ARGUMENTS...`; yields ({name: value} of the two `export NAME='value'` lines it prints
    before serving, process, its stderr log file). Stopped on the way out; the caller may stop it earlier to check its
    exit status, then read the log."""
    log = tempfile.TemporaryFile()
    process = subprocess.Popen([program, "serve", *arguments], stdout=subprocess.PIPE, stderr=log, env=environment)
    try:
        lines = []
        deadline = time.monotonic() + START_TIMEOUT
        while len(lines) < 2 and time.monotonic() < deadline:
            ready, _, _ = select.select([process.stdout], [], [], max(0.0, deadline - time.monotonic()))
            line = process.stdout.readline().decode(errors="replace") if ready else ""
            if not line:
                break
            lines.append(line)
        exports = {}
        for line in lines:
            words = shlex.split(line)  # POSIX quoting, as sh's eval reads it
            if len(words) == 2 and words[0] == "export" and "=" in words[1]:
                name, value = words[1].split("=", 1)
                exports[name] = value
        if "AWS_CONTAINER_CREDENTIALS_FULL_URI" not in exports or len(exports) != 2:
            raise RuntimeError(f"awsauth-creds serve did not print its two export lines (exit status "
                               f"{process.poll()}, {len(lines)} line(s) read):\n{log_tail(log)}")
        yield exports, process, log
    except BaseException:
        sys.stderr.write(f"awsauth-creds serve's stderr:\n{log_tail(log)}\n")
        raise
    finally:
        stop(process)
        process.stdout.close()
        log.close()


class Tally:
    """PASS/FAIL lines, then "N passed, M failed"; exit status 0 only with no failure and at least one pass."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print(f"PASS {name}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f"\n     {detail}" if detail else ""), flush=True)
        return condition

    def crashed(self, error):
        self.failed += 1
        print(f"FAIL the test stopped early: {type(error).__name__}: {error}", flush=True)

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed", flush=True)
        return 0 if self.failed == 0 and self.passed > 0 else 1


def shown(completed):
    """A finished child in a failure's detail."""
    return f"exit {completed.returncode}; stdout {completed.stdout[-1500:]!r}; stderr {completed.stderr[-1500:]!r}"
