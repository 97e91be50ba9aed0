"""What the DAG tests run against: a throwaway Airflow (SQLite metadata DB in a temporary
AIRFLOW_HOME), the real Medallion backend started from this repository, a proxy that
loses answers, and helpers to run a DAG with `airflow dags test` and read what Airflow
recorded."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
DAGS_DIR = REPO_ROOT / "airflow" / "dags"
AIRFLOW_BIN = Path(sys.executable).parent / "airflow"

# Airflow reads its configuration when first imported: point it at a temporary home
# before any test module imports it. Short timings keep retries and polls quick.
_AIRFLOW_HOME = tempfile.mkdtemp(prefix="medallion-airflow-")
TEST_ENV = {
    "AIRFLOW_HOME": _AIRFLOW_HOME,
    "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS_DIR),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "false",
    "AIRFLOW__CORE__UNIT_TEST_MODE": "false",
    "MEDALLION_AIRFLOW_RETRIES": "6",
    "MEDALLION_AIRFLOW_RETRY_DELAY_SECONDS": "2",
    "MEDALLION_AIRFLOW_MAX_RETRY_DELAY_SECONDS": "8",
    "MEDALLION_AIRFLOW_POKE_INTERVAL_SECONDS": "1",
    "MEDALLION_AIRFLOW_REQUEST_TIMEOUT_SECONDS": "20",
}
os.environ.update(TEST_ENV)
# The DAG files import their shared module the way Airflow's DAG processor allows.
sys.path.insert(0, str(DAGS_DIR))

TOKEN = "airflow-dag-tests-token"
# Airflow orchestrates these jobs: the backend must not run them on its own schedule.
BACKEND_OVERRIDES = """lakehouse:
  jobs:
    silver: { schedule: { frequency: { trigger: manual } } }
    gold: { schedule: { frequency: { trigger: manual } } }
    scoring: { schedule: { frequency: { trigger: manual } } }
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connection_uri(port: int) -> str:
    """AIRFLOW_CONN_MEDALLION for a backend (or proxy) on this port, with the static token."""
    return json.dumps(
        {
            "conn_type": "http",
            "host": "127.0.0.1",
            "port": port,
            "schema": "http",
            "extra": {"Authorization": f"Bearer {TOKEN}"},
        }
    )


@dataclass
class Backend:
    """The standalone lakehouse backend (e2e/serveBackend.ts) in its own process."""

    port: int
    home: Path
    process: subprocess.Popen[str] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/lakehouse"

    def start(self) -> None:
        overrides = self.home.parent / f"{self.home.name}-overrides.yaml"
        overrides.write_text(BACKEND_OVERRIDES)
        self.process = subprocess.Popen(
            [
                "node",
                "--import",
                "tsx",
                "e2e/serveBackend.ts",
                "--port",
                str(self.port),
                "--home",
                str(self.home),
                "--subject",
                "airflow",
                "--token",
                TOKEN,
                "--config",
                str(overrides),
            ],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        line = self.process.stdout.readline() if self.process.stdout else ""
        if not line.startswith("{"):
            err = self.process.stderr.read() if self.process.stderr else ""
            raise RuntimeError(f"the backend did not start: {line}{err[-4000:]}")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None

    def get(self, path: str, **params: Any) -> Any:
        res = requests.get(
            f"{self.url}{path}",
            params=params,
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=30,
        )
        res.raise_for_status()
        return res.json()

    def runs(self, job: str) -> list[dict[str, Any]]:
        return self.get("/runs", job=job, limit=200)["items"]

    def wait_for(self, what: str, check: Any, timeout: float = 120) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = check()
            if value:
                return value
            time.sleep(1)
        raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@dataclass
class DagTest:
    returncode: int
    output: str
    run_id: str
    states: dict[str, str | None]
    tries: dict[str, int]


def dag_run_states(dag_id: str, run_id: str) -> tuple[dict[str, str | None], dict[str, int]]:
    """Each task's final state and try number in Airflow's metadata DB."""
    from airflow.models import TaskInstance
    from airflow.utils.session import create_session

    with create_session() as session:
        tis = session.query(TaskInstance).filter_by(dag_id=dag_id, run_id=run_id).all()
        states = {ti.task_id: (str(ti.state) if ti.state else None) for ti in tis}
        tries = {ti.task_id: ti.try_number for ti in tis}
    return states, tries


def latest_run_id(dag_id: str) -> str:
    from airflow.models import DagRun
    from airflow.utils.session import create_session

    with create_session() as session:
        run = session.query(DagRun).filter_by(dag_id=dag_id).order_by(DagRun.id.desc()).first()
        assert run is not None, f"no DAG run of {dag_id} was recorded"
        return run.run_id


def start_dag_test(
    dag_id: str, port: int, mark_success_pattern: str | None = None
) -> subprocess.Popen[str]:
    args = [str(AIRFLOW_BIN), "dags", "test", dag_id]
    if mark_success_pattern:
        args += ["--mark-success-pattern", mark_success_pattern]
    return subprocess.Popen(
        args,
        env={**os.environ, **TEST_ENV, "AIRFLOW_CONN_MEDALLION": connection_uri(port)},
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish_dag_test(dag_id: str, process: subprocess.Popen[str], timeout: float = 600) -> DagTest:
    output, _ = process.communicate(timeout=timeout)
    run_id = latest_run_id(dag_id)
    states, tries = dag_run_states(dag_id, run_id)
    return DagTest(process.returncode, output, run_id, states, tries)


def run_dag_test(dag_id: str, port: int, mark_success_pattern: str | None = None) -> DagTest:
    """`airflow dags test <dag_id>` against the backend (or proxy) on `port`."""
    return finish_dag_test(dag_id, start_dag_test(dag_id, port, mark_success_pattern))


class AnswerLosingProxy:
    """An HTTP proxy in front of the backend that forwards every request and, once, drops
    the backend's answer to a matching request (the connection closes without a reply):
    the request took effect, the caller never learnt it. Like a load balancer timing out."""

    def __init__(self, upstream_port: int, method: str, path: str) -> None:
        import http.client
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        proxy = self
        self.dropped: list[str] = []
        self.forwarded: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                upstream = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                payload = answer.read()
                upstream.close()
                request = f"{self.command} {self.path}"
                proxy.forwarded.append(request)
                if self.command == method and self.path == path and not proxy.dropped:
                    proxy.dropped.append(payload.decode())
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.send_response(answer.status)
                for k, v in answer.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = _forward
            do_POST = _forward

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
