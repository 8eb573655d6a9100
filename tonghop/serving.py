"""The app under gunicorn and the task workers in child processes: `tonghop serve`, and the tests and benchmarks that need a real server.

Standard library only, so bench/ can import it before Django is set up.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A worker asked to stop finishes its task first: at most a PDF conversion's timeout (rendering.pdf).
WORKER_STOP_SECONDS = 130


def gunicorn_command(address: str, workers: int, *options: str) -> list[str]:
    """The command line serving tonghop.wsgi at address ("127.0.0.1:8000") with the interpreter running."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "tonghop.wsgi:application",
        "--bind",
        address,
        "--workers",
        str(workers),
        *options,
    ]


# Task workers (and the LibreOffice they start) run at a lower CPU priority than the web
# workers: on a shared machine a coordinator's PDFs wait for the cores, not the officers' saves.
WORKER_NICENESS = 10


def worker_command() -> list[str]:
    """The command line of one task worker of the configured backend, on every queue, niced."""
    from django.conf import settings

    django = ["nice", "-n", str(WORKER_NICENESS), sys.executable, "-m", "django"]
    if settings.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
        queues = settings.TASKS["default"].get("QUEUES", ["default"])
        return [*django, "rqworker", "--job-class", "django_tasks_rq.Job", *queues]
    return [*django, "db_worker", "--queue-name", "*", "--no-reload"]


@contextmanager
def running_workers(
    count: int, env: Mapping[str, str] | None = None
) -> Iterator[list[subprocess.Popen]]:
    """count task workers, each in its own session so that Ctrl+C reaches only their parent.

    On exit each gets one SIGTERM: it finishes the task it runs (a PDF takes seconds) and stops;
    one still running after the conversion timeout is killed.
    """
    environment = dict(os.environ if env is None else env)
    environment.setdefault("DJANGO_SETTINGS_MODULE", "tonghop.settings")
    workers = [
        subprocess.Popen(worker_command(), cwd=ROOT, env=environment, start_new_session=True)
        for _ in range(count)
    ]
    try:
        yield workers
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
        for worker in workers:
            try:
                worker.wait(WORKER_STOP_SECONDS)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()


def free_port() -> int:
    """A port on the loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/")
        connection.getresponse()
        return True
    except OSError:  # not listening yet
        return False
    finally:
        connection.close()


@contextmanager
def running_gunicorn(
    env: Mapping[str, str],
    *options: str,
    port: int,
    workers: int = 1,
    quiet: bool = True,
) -> Iterator[subprocess.Popen]:
    """gunicorn on 127.0.0.1:port, once it answers a request; stopped with its workers on exit.

    It runs in its own process group, so that a test may kill a worker and the exit still reaches
    every process. quiet sends its output to /dev/null.
    """
    output = subprocess.DEVNULL if quiet else None
    server = subprocess.Popen(
        gunicorn_command(f"127.0.0.1:{port}", workers, *options),
        cwd=ROOT,
        env=dict(env),
        stdout=output,
        stderr=output,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not _answers(port):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer on 127.0.0.1:{port}")
            time.sleep(0.1)
        yield server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:  # a worker stuck past gunicorn's graceful timeout
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
