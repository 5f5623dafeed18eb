"""
Prepare a scratch database, run the site under gunicorn on 127.0.0.1 with production settings
and drive it with wrk: the tools of make bench and make loadtest.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Browsers accept compressed responses; whitenoise and the pages then send gzip.
ACCEPT_GZIP = "Accept-Encoding: gzip"
STARTUP_SECONDS = 60


class Failure(Exception):
    """A step of the run failed; the message says which and why."""


def production_environment(**variables):
    """Return this process's environment with production settings served on 127.0.0.1, plus `variables`."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        **variables,
    }


def manage(env, *args):
    """Run manage.py with `args`; raise Failure with its output if it fails."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise Failure(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def python_module(env, module, *args):
    """Run `python -m module args` and return its standard output; raise Failure if it fails."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise Failure(f"{module} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def recreate_postgres_database(url):
    """Drop the PostgreSQL database that `url` names, if it exists, and create it empty."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name:
        raise Failure(f"Name the scratch database in {url}.")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


@contextmanager
def django_in_process(prefix, database_url=None, *, recreate=True, **variables):
    """
    Set Django up in this process with production settings (plus `variables`) on a scratch
    database: SQLite in a temporary directory, or the PostgreSQL database `database_url` names,
    dropped and created again when `recreate`; migrate it and collect the static files. Yield the
    temporary directory, removed at the end.
    """
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        if database_url and recreate:
            recreate_postgres_database(database_url)
        os.environ.update(
            DJANGO_SETTINGS_MODULE="kormex.settings",
            DJANGO_DEBUG="false",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_HTTPS="false",
            DJANGO_LOG_LEVEL="WARNING",
            DATABASE_URL=database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
            DJANGO_CACHE_DIR=str(workdir / "cache"),
            **variables,
        )
        os.environ.pop("REDIS_URL", None)
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        settings.STATIC_ROOT = workdir / "static"
        call_command("migrate", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        yield workdir
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def static_path(name):
    """Return the address whitenoise serves the collected static file `name` at, under its hashed name."""
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text(encoding="utf-8"))
    return f"/static/{manifest['paths'][name]}"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid):
    """Return the ids of the processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name, in parentheses, may hold spaces: the parent's id follows the last ")".
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def rss_mib(pid):
    """Return the resident memory of process `pid` in MiB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise Failure(f"No memory figure for process {pid}.")


class Server:
    """A gunicorn master on 127.0.0.1:`port` and its workers."""

    def __init__(self, master, port, log_path):
        self.master, self.port, self.log_path = master, port, log_path
        self.workers = set()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path):
        """Request `path` as a browser would; return the status code."""
        request = urllib.request.Request(self.url(path), headers=dict([ACCEPT_GZIP.split(": ")]))
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def wait_until_ready(self):
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.master.poll() is not None:
                raise Failure(f"gunicorn exited with status {self.master.returncode}:\n{self.log_tail()}")
            try:
                if self.get("/healthz") == 200:
                    self.workers.update(children(self.master.pid))
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise Failure(f"gunicorn did not answer /healthz within {STARTUP_SECONDS} s:\n{self.log_tail()}")

    def worker_rss_mib(self):
        """Return the resident memory of the largest worker, in MiB."""
        workers = children(self.master.pid)
        self.workers.update(workers)
        return max(rss_mib(pid) for pid in workers)

    def log_tail(self, lines=30):
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self):
        """Stop the master, which stops its workers; kill by id whatever is still running after that."""
        self.workers.update(children(self.master.pid))
        self.master.terminate()
        try:
            self.master.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.master.kill()
            self.master.wait()
        for pid in self.workers:
            try:
                # Only a gunicorn process still holds the id: ids are reused once a process is gone.
                if b"gunicorn" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    os.kill(pid, signal.SIGKILL)
            except (OSError, ProcessLookupError):
                pass


@contextmanager
def gunicorn(env, log_path):
    """
    Run gunicorn with gunicorn.conf.py on a free port of 127.0.0.1 and yield it once /healthz
    answers. Workers are not recycled, so that their memory after a run shows what the run left.
    """
    port = free_port()
    with open(log_path, "ab") as log:
        master = subprocess.Popen(
            [BIN / "gunicorn", "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--max-requests", "0"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = Server(master, port, log_path)
    try:
        server.wait_until_ready()
        yield server
    finally:
        server.stop()


def wrk(url, *, seconds, connections, paths=(), timeout=10):
    """
    Load `url` with wrk for `seconds` over `connections` connections (with `paths`, request
    each of them in turn on `url`'s server) and return requests/s, p50 and p99 in ms, and errors:
    non-2xx/3xx answers and socket errors.
    """
    if shutil.which("wrk") is None:
        raise Failure("wrk is not installed: make bench and make loadtest install it (Debian package wrk).")
    script = "bench/mix.lua" if paths else "bench/report.lua"
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", f"{timeout}s"]
    command += ["-H", ACCEPT_GZIP, "-s", script, url]
    if paths:
        command += ["--", *paths]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise Failure(f"wrk failed on {url}:\n{done.stdout}{done.stderr}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "requests": report["requests"],
        "rps": report["requests"] / (report["duration_us"] / 1e6),
        "p50_ms": report["p50_us"] / 1000,
        "p99_ms": report["p99_us"] / 1000,
        "status_errors": report["status"],
        "socket_errors": sum(report[kind] for kind in ("connect", "read", "write", "timeout")),
    }
