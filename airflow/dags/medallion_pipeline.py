"""medallion_pipeline: bronze fresh → silver → gold (dbt build) → anomaly scoring.

Every step is a job of the Medallion backend, triggered over HTTP and waited for. A task
runs only when everything before it succeeded, so a failed silver run ends the DAG run
before gold is built (gold keeps its last good build). The wait tasks update Airflow
Assets for the tables each job commits: silver.purchases, the gold marts and
gold.purchase_anomalies, so other DAGs can be scheduled on them.

Give the backend's silver, gold and scoring jobs `schedule.frequency: { trigger: manual }`
when this DAG orchestrates them (see the README, "Orchestrating with Airflow").
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import DAG

from medallion_jobs import (
    bronze_freshness_check,
    default_args,
    job_run,
    table_asset,
)

SILVER = [table_asset("silver.purchases")]
GOLD = [
    table_asset(f"gold.{model}")
    for model in (
        "fct_purchases",
        "dim_customers",
        "dim_products",
        "agg_daily_sales",
        "product_profitability",
    )
]
ANOMALIES = [table_asset("gold.purchase_anomalies")]

with DAG(
    dag_id="medallion_pipeline",
    description="Bronze → silver → gold → anomaly scoring, run by the Medallion backend",
    schedule="@hourly",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=2),
    default_args=default_args(),
    tags=["medallion", "lakehouse"],
    doc_md=__doc__,
) as dag:
    bronze = bronze_freshness_check(timeout=timedelta(minutes=15))
    silver = job_run("silver", timeout=timedelta(minutes=30), outlets=SILVER)
    gold = job_run("gold", timeout=timedelta(minutes=60), outlets=GOLD)
    scoring = job_run("scoring", timeout=timedelta(minutes=30), outlets=ANOMALIES)

    bronze >> silver >> gold >> scoring
