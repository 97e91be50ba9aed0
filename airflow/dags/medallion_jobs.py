"""Building blocks of the Medallion DAGs: run one backend job over HTTP and wait for it.

The Medallion backend (a Backstage plugin) hosts the jobs; Airflow only orchestrates. A job
run is two tasks in a task group: ``trigger`` POSTs ``/jobs/<job>/runs`` with an
idempotency key and pushes the run id to XCom, ``wait`` polls ``/runs/<id>`` in reschedule
mode (no worker slot held while the job works) until the run succeeded, and fails at once,
without retries, when it failed or was cancelled.

The connection (``AIRFLOW_CONN_MEDALLION`` by default) points at the backend and carries
its static token as a header in ``extra``::

    {"conn_type": "http", "host": "backstage.internal", "port": 7007, "schema": "https",
     "extra": {"Authorization": "Bearer <token>"}}

Timings come from the environment so that tests (and impatient deployments) can shorten
them; they are read when the DAG file is parsed.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Callable

from airflow.providers.http.operators.http import HttpOperator
from airflow.providers.http.sensors.http import HttpSensor
from airflow.sdk import Asset, TaskGroup
from airflow.sdk.exceptions import AirflowException, AirflowFailException

log = logging.getLogger(__name__)

API = "/api/lakehouse"
ASSET_GROUP = "medallion"


def _seconds(name: str, default: float) -> timedelta:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return timedelta(seconds=default)
    try:
        value = float(raw)
    except ValueError as error:
        raise ValueError(f"{name} must be a number of seconds, got {raw!r}") from error
    if value <= 0:
        raise ValueError(f"{name} must be positive, got {raw!r}")
    return timedelta(seconds=value)


@dataclass(frozen=True)
class Settings:
    """What a deployment may tune, from MEDALLION_AIRFLOW_* environment variables."""

    conn_id: str
    retries: int
    retry_delay: timedelta
    max_retry_delay: timedelta
    poke_interval: timedelta
    request_timeout_seconds: float

    @staticmethod
    def from_env() -> Settings:
        retries = os.environ.get("MEDALLION_AIRFLOW_RETRIES", "5")
        if not retries.isdigit():
            raise ValueError(f"MEDALLION_AIRFLOW_RETRIES must be a whole number, got {retries!r}")
        return Settings(
            conn_id=os.environ.get("MEDALLION_AIRFLOW_CONN_ID", "medallion"),
            retries=int(retries),
            retry_delay=_seconds("MEDALLION_AIRFLOW_RETRY_DELAY_SECONDS", 30),
            max_retry_delay=_seconds("MEDALLION_AIRFLOW_MAX_RETRY_DELAY_SECONDS", 600),
            poke_interval=_seconds("MEDALLION_AIRFLOW_POKE_INTERVAL_SECONDS", 15),
            request_timeout_seconds=_seconds(
                "MEDALLION_AIRFLOW_REQUEST_TIMEOUT_SECONDS", 30
            ).total_seconds(),
        )


SETTINGS = Settings.from_env()


def table_asset(table: str) -> Asset:
    """An Iceberg table of the lakehouse as an Airflow Asset (``silver.purchases``)."""
    namespace, name = table.split(".", 1)
    return Asset(name=table, uri=f"medallion://lakehouse/{namespace}/{name}", group=ASSET_GROUP)


def notify_failure(context: Any) -> None:
    """Task failure callback: one log line that says what failed and where to look next."""
    ti = context["ti"]
    group = ti.task_id.rsplit(".", 1)[0] if "." in ti.task_id else None
    run_id = ti.xcom_pull(task_ids=f"{group}.trigger") if group else None
    where = (
        f"backend run {run_id}: GET {API}/runs/{run_id} shows its error and progress"
        if run_id
        else "the task log above has the HTTP error"
    )
    log.error(
        "medallion: task %s of DAG run %s failed (try %s): %s; %s",
        ti.task_id,
        ti.run_id,
        ti.try_number,
        context.get("exception"),
        where,
    )


def default_args() -> dict[str, Any]:
    """Retries with exponential backoff and the failure callback, for every task."""
    return {
        "owner": "medallion",
        "retries": SETTINGS.retries,
        "retry_delay": SETTINGS.retry_delay,
        "retry_exponential_backoff": True,
        "max_retry_delay": SETTINGS.max_retry_delay,
        "on_failure_callback": notify_failure,
    }


def _error_message(response: Any) -> str:
    try:
        body = response.json()
        return str(body["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return response.text[:500] or response.reason


def require_success(request: str, response: Any) -> None:
    """Passes a 2xx answer. What a retry can fix (5xx, 429, another active run of the job)
    raises AirflowException and is retried; what it cannot (a refused token, a missing
    permission, an unknown run, a disabled job, bad params) fails the task at once."""
    status = response.status_code
    if 200 <= status < 300:
        return
    message = f"{request} answered {status}: {_error_message(response)}"
    # Another run of the job (the UI, a schedule) is active: ours can start once it ends.
    retryable = (
        status >= 500
        or status == 429
        or (status == 409 and "already has an active run" in message)
    )
    if retryable:
        raise AirflowException(message)
    raise AirflowFailException(message)


def trigger_accepted(job: str, response: Any) -> bool:
    """Trigger check: the backend queued the run (or found the one this key started)."""
    require_success(f"POST {API}/jobs/{job}/runs", response)
    return True


def _run_id(response: Any) -> str:
    body = response.json()
    run_id = body.get("runId") if isinstance(body, dict) else None
    if not isinstance(run_id, str) or not run_id:
        raise AirflowFailException(f"the backend answered without a runId: {body!r}")
    return run_id


def run_finished(job: str, response: Any) -> bool:
    """Sensor check: True once the run succeeded; fails fast when it failed or was cancelled."""
    run = response.json()
    status = run.get("status")
    if status == "succeeded":
        return True
    if status in ("failed", "cancelled"):
        raise AirflowFailException(
            f"{job} run {run.get('runId')} {status}: {run.get('error') or 'no error recorded'}"
            f" (GET {API}/runs/{run.get('runId')} has the details)"
        )
    return False


def _poll(
    *,
    task_id: str,
    endpoint: str,
    timeout: timedelta,
    response_check: Callable[[Any], bool],
    **kwargs: Any,
) -> HttpSensor:
    """A GET on the backend in reschedule mode (no worker slot held between pokes). Error
    answers go through require_success: the HTTP sensor would otherwise wait out its
    timeout on a 404 and retry a refused token."""

    def check(response: Any) -> bool:
        path = getattr(getattr(response, "request", None), "path_url", None)
        require_success(f"GET {path or endpoint}", response)
        return response_check(response)

    return HttpSensor(
        task_id=task_id,
        http_conn_id=SETTINGS.conn_id,
        method="GET",
        endpoint=endpoint,
        headers={"Accept": "application/json"},
        extra_options={"timeout": SETTINGS.request_timeout_seconds, "check_response": False},
        response_check=check,
        mode="reschedule",
        poke_interval=SETTINGS.poke_interval,
        timeout=timeout,
        execution_timeout=timedelta(minutes=2),
        **kwargs,
    )


# Retries of a trigger reuse the key, so a POST whose answer was lost returns the run it
# started instead of starting another. Clearing the task in Airflow raises max_tries, which
# gives a deliberate re-run a new key (and a new backend run).
IDEMPOTENCY_KEY = "airflow:{{ dag.dag_id }}:{{ run_id }}:{{ ti.task_id }}:{{ ti.max_tries }}"


def job_run(
    job: str,
    *,
    timeout: timedelta,
    outlets: list[Asset] | None = None,
    params: dict[str, Any] | None = None,
) -> TaskGroup:
    """Trigger a backend job and wait for its run; ``outlets`` are updated when it succeeds."""
    with TaskGroup(group_id=job, tooltip=f"Run the backend's {job} job and wait for it") as group:
        trigger = HttpOperator(
            task_id="trigger",
            http_conn_id=SETTINGS.conn_id,
            method="POST",
            endpoint=f"{API}/jobs/{job}/runs",
            data=json.dumps({"params": params or {}, "idempotencyKey": IDEMPOTENCY_KEY}),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            # Our check reads the backend's error message instead of the hook's bare status.
            extra_options={"timeout": SETTINGS.request_timeout_seconds, "check_response": False},
            response_check=lambda response: trigger_accepted(job, response),
            response_filter=_run_id,
            log_response=True,
            execution_timeout=timedelta(minutes=2),
            doc_md=f"POST {API}/jobs/{job}/runs; retried while another run is active.",
        )
        wait = _poll(
            task_id="wait",
            endpoint=f"{API}/runs/{{{{ ti.xcom_pull(task_ids='{job}.trigger') }}}}",
            response_check=lambda response: run_finished(job, response),
            timeout=timeout,
            outlets=outlets or [],
            doc_md=f"Polls GET {API}/runs/<id> until the {job} run succeeded.",
        )
        trigger >> wait
    return group


def bronze_is_fresh(response: Any, table: str = "bronze.purchases_raw") -> bool:
    """Sensor check on GET /freshness: the table's last commit is within its warn SLA or just past it."""
    tables = {t.get("table"): t for t in response.json().get("tables", [])}
    entry = tables.get(table)
    if entry is None:
        raise AirflowFailException(
            f"{table} is not in GET {API}/freshness: is the bronze ingester enabled on the backend?"
        )
    status = entry.get("status")
    log.info("%s is %s (last commit %s s ago)", table, status, entry.get("ageSeconds"))
    return status in ("fresh", "warn")


def bronze_freshness_check(timeout: timedelta) -> HttpSensor:
    """Waits (up to ``timeout``) for bronze to be fresh: no silver run on a stalled ingester."""
    return _poll(
        task_id="bronze_is_fresh",
        endpoint=f"{API}/freshness",
        response_check=bronze_is_fresh,
        timeout=timeout,
        doc_md="GET /freshness: bronze.purchases_raw must be fresh (or in its warn band).",
    )
