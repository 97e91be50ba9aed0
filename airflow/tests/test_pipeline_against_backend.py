"""`airflow dags test` against the real backend with live data: the whole pipeline, a silver
run that fails, an outage of the backend, and a trigger whose answer is lost."""

from __future__ import annotations

import time
from typing import Any

from harness import (
    AnswerLosingProxy,
    Backend,
    finish_dag_test,
    run_dag_test,
    start_dag_test,
)

DAG = "medallion_pipeline"
GOLD_TABLES = {
    "gold.fct_purchases",
    "gold.dim_customers",
    "gold.dim_products",
    "gold.agg_daily_sales",
    "gold.product_profitability",
}
# Runs silver only (the pattern must match whole task ids): the outage and lost-answer
# tests need no gold build.
SILVER_ONLY = r"(gold|scoring)\..*"


def runs_of_dag_run(backend: Backend, job: str, run_id: str) -> list[dict[str, Any]]:
    """The backend's runs of `job` that this Airflow DAG run triggered (by idempotency key)."""
    prefix = f"airflow:{DAG}:{run_id}:{job}.trigger:"
    return [r for r in backend.runs(job) if (r["idempotencyKey"] or "").startswith(prefix)]


def current_snapshots(backend: Backend, tables: set[str]) -> dict[str, str | None]:
    return {
        t["id"]: t["currentSnapshotId"] for t in backend.get("/tables")["tables"] if t["id"] in tables
    }


def asset_events(run_id: str) -> set[str]:
    from airflow.models.asset import AssetEvent, AssetModel
    from airflow.utils.session import create_session

    with create_session() as session:
        rows = (
            session.query(AssetModel.name)
            .join(AssetEvent, AssetEvent.asset_id == AssetModel.id)
            .filter(AssetEvent.source_dag_id == DAG, AssetEvent.source_run_id == run_id)
            .all()
        )
    return {name for (name,) in rows}


def test_every_task_succeeds_and_the_backend_records_airflow_as_trigger(airflow_db: str, backend: Backend) -> None:
    result = run_dag_test(DAG, backend.port)

    assert result.returncode == 0, result.output[-5000:]
    assert len(result.states) == 7
    assert set(result.states.values()) == {"success"}, result.states
    for job in ("silver", "gold", "scoring"):
        runs = runs_of_dag_run(backend, job, result.run_id)
        assert len(runs) == 1, (job, runs)
        run = runs[0]
        assert (run["trigger"], run["triggeredBy"], run["status"]) == ("service", "airflow", "succeeded")
    silver_run = runs_of_dag_run(backend, "silver", result.run_id)[0]
    assert silver_run["output"]["rows"]["accepted"] > 0
    gold_run = runs_of_dag_run(backend, "gold", result.run_id)[0]
    assert {s["table"] for s in gold_run["output"]["snapshots"]} >= GOLD_TABLES
    snapshots = current_snapshots(backend, GOLD_TABLES)
    assert set(snapshots) == GOLD_TABLES and all(snapshots.values())
    assert asset_events(result.run_id) == {"silver.purchases", "gold.purchase_anomalies"} | GOLD_TABLES


def test_a_failed_silver_run_fails_the_dag_and_gold_is_never_built(airflow_db: str, backend: Backend) -> None:
    gold_runs_before = [r["runId"] for r in backend.runs("gold")]
    gold_before = current_snapshots(backend, GOLD_TABLES)
    # A real fault: silver's data directory becomes a file, so its writes fail (ENOTDIR).
    data = backend.home / "warehouse" / "silver" / "purchases" / "data"
    moved = data.with_name("data.moved")
    data.rename(moved)
    data.write_text("not a directory")
    try:
        result = run_dag_test(DAG, backend.port)
    finally:
        data.unlink()
        moved.rename(data)

    assert result.returncode != 0
    assert result.states["bronze_is_fresh"] == "success"
    assert result.states["silver.trigger"] == "success"
    assert result.states["silver.wait"] == "failed"
    assert result.tries["silver.wait"] == 1, "a failed run is not retried"
    for task in ("gold.trigger", "gold.wait", "scoring.trigger", "scoring.wait"):
        assert result.states[task] == "upstream_failed", (task, result.states)
    [silver_run] = runs_of_dag_run(backend, "silver", result.run_id)
    assert silver_run["status"] == "failed"
    assert "ENOTDIR" in silver_run["error"]
    assert [r["runId"] for r in backend.runs("gold")] == gold_runs_before
    assert current_snapshots(backend, GOLD_TABLES) == gold_before
    assert f"silver run {silver_run['runId']} failed" in result.output
    assert "medallion: task silver.wait of DAG run" in result.output  # the failure callback
    assert "silver.purchases" not in asset_events(result.run_id)


def test_the_dag_rides_out_a_backend_outage(airflow_db: str, backend: Backend) -> None:
    backend.stop()
    process = start_dag_test(DAG, backend.port, SILVER_ONLY)
    try:
        time.sleep(8)  # the first tries meet a closed port
    finally:
        backend.start()
    result = finish_dag_test(DAG, process)

    assert result.returncode == 0, result.output[-5000:]
    assert set(result.states.values()) == {"success"}, result.states
    assert result.tries["bronze_is_fresh"] >= 2, result.tries
    assert "Connection refused" in result.output
    [silver_run] = runs_of_dag_run(backend, "silver", result.run_id)
    assert silver_run["status"] == "succeeded"
    assert runs_of_dag_run(backend, "gold", result.run_id) == []


def test_a_retried_trigger_reuses_the_run_its_lost_answer_started(airflow_db: str, backend: Backend) -> None:
    proxy = AnswerLosingProxy(backend.port, "POST", "/api/lakehouse/jobs/silver/runs")
    try:
        result = run_dag_test(DAG, proxy.port, SILVER_ONLY)
    finally:
        proxy.close()

    assert result.returncode == 0, result.output[-5000:]
    assert result.tries["silver.trigger"] == 2, result.tries
    assert len(proxy.dropped) == 1
    runs = runs_of_dag_run(backend, "silver", result.run_id)
    assert len(runs) == 1, runs
    run_id = runs[0]["runId"]
    assert f'"runId":"{run_id}"' in proxy.dropped[0]
    posts = [r for r in proxy.forwarded if r == "POST /api/lakehouse/jobs/silver/runs"]
    assert len(posts) == 2
    assert f"GET /api/lakehouse/runs/{run_id}" in proxy.forwarded
    assert runs[0]["status"] == "succeeded"
    assert runs_of_dag_run(backend, "gold", result.run_id) == []


def test_weekly_maintenance_runs_the_maintenance_job(airflow_db: str, backend: Backend) -> None:
    result = run_dag_test("medallion_maintenance", backend.port)

    assert result.returncode == 0, result.output[-5000:]
    assert set(result.states.values()) == {"success"}, result.states
    runs = [
        r
        for r in backend.runs("maintenance")
        if (r["idempotencyKey"] or "").startswith(f"airflow:medallion_maintenance:{result.run_id}:")
    ]
    assert [r["status"] for r in runs] == ["succeeded"]
