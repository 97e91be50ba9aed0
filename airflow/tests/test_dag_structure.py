"""The DAG files import cleanly and say what the pipeline promises: order, retries with
backoff, timeouts, the failure callback, idempotent triggers, fail-fast sensors, Assets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from harness import DAGS_DIR

from airflow.dag_processing.dagbag import DagBag


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(DAGS_DIR))


def test_dags_import_without_errors(dagbag: DagBag) -> None:
    assert dagbag.import_errors == {}
    assert sorted(dagbag.dag_ids) == ["medallion_maintenance", "medallion_pipeline"]


def test_pipeline_runs_bronze_check_silver_gold_scoring_in_order(dagbag: DagBag) -> None:
    dag = dagbag.dags["medallion_pipeline"]
    downstream = {t.task_id: sorted(t.downstream_task_ids) for t in dag.tasks}
    assert downstream == {
        "bronze_is_fresh": ["silver.trigger"],
        "silver.trigger": ["silver.wait"],
        "silver.wait": ["gold.trigger"],
        "gold.trigger": ["gold.wait"],
        "gold.wait": ["scoring.trigger"],
        "scoring.trigger": ["scoring.wait"],
        "scoring.wait": [],
    }
    # Gold runs only when everything before it succeeded.
    assert {t.trigger_rule for t in dag.tasks} == {"all_success"}
    assert dag.max_active_runs == 1
    assert dag.catchup is False
    assert dag.schedule == "@hourly"


def test_every_task_retries_with_backoff_times_out_and_reports_failure(dagbag: DagBag) -> None:
    for dag in dagbag.dags.values():
        for task in dag.tasks:
            assert task.retries >= 1, task.task_id
            assert task.retry_exponential_backoff, task.task_id
            assert task.max_retry_delay is not None, task.task_id
            assert task.execution_timeout is not None, task.task_id
            assert task.on_failure_callback, task.task_id


def test_triggers_post_an_idempotency_key_of_the_dag_run(dagbag: DagBag) -> None:
    dag = dagbag.dags["medallion_pipeline"]
    for job in ("silver", "gold", "scoring"):
        trigger = dag.get_task(f"{job}.trigger")
        assert trigger.method == "POST"
        assert trigger.endpoint == f"/api/lakehouse/jobs/{job}/runs"
        assert "{{ run_id }}" in trigger.data
        assert "idempotencyKey" in trigger.data


def test_waits_poll_in_reschedule_mode_with_a_timeout(dagbag: DagBag) -> None:
    for dag in dagbag.dags.values():
        for task in dag.tasks:
            if task.task_id == "bronze_is_fresh" or task.task_id.endswith(".wait"):
                assert task.mode == "reschedule", task.task_id
                assert timedelta(seconds=task.timeout) <= timedelta(hours=3), task.task_id


def test_waits_update_the_assets_of_the_tables_their_jobs_commit(dagbag: DagBag) -> None:
    dag = dagbag.dags["medallion_pipeline"]
    outlets = {t.task_id: sorted(a.name for a in t.outlets) for t in dag.tasks if t.outlets}
    assert outlets == {
        "silver.wait": ["silver.purchases"],
        "gold.wait": [
            "gold.agg_daily_sales",
            "gold.dim_customers",
            "gold.dim_products",
            "gold.fct_purchases",
            "gold.product_profitability",
        ],
        "scoring.wait": ["gold.purchase_anomalies"],
    }


def test_maintenance_runs_weekly(dagbag: DagBag) -> None:
    dag = dagbag.dags["medallion_maintenance"]
    assert dag.schedule == "@weekly"
    assert sorted(t.task_id for t in dag.tasks) == ["maintenance.trigger", "maintenance.wait"]
