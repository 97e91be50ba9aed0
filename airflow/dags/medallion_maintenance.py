"""medallion_maintenance: weekly Iceberg table maintenance by the Medallion backend.

Compaction, snapshot expiry and orphan-file cleanup of every streaming table, as the
backend's `maintenance` job does them (it keeps the snapshots that watermarks and Kafka
offsets are anchored on).
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import DAG

from medallion_jobs import default_args, job_run

with DAG(
    dag_id="medallion_maintenance",
    description="Weekly Iceberg maintenance (compaction, snapshot expiry, orphan files)",
    schedule="@weekly",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=4),
    default_args=default_args(),
    tags=["medallion", "lakehouse", "maintenance"],
    doc_md=__doc__,
) as dag:
    job_run("maintenance", timeout=timedelta(hours=3))
