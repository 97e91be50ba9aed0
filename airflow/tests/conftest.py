"""Fixtures of the DAG tests (harness.py sets Airflow's environment before it is imported)."""

from __future__ import annotations

import os
import subprocess
from typing import Iterator

import pytest

from harness import AIRFLOW_BIN, TEST_ENV, Backend, free_port


@pytest.fixture(scope="session")
def airflow_db() -> str:
    """`airflow db migrate` on SQLite in the temporary AIRFLOW_HOME."""
    result = subprocess.run(
        [str(AIRFLOW_BIN), "db", "migrate"],
        env={**os.environ, **TEST_ENV},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return TEST_ENV["AIRFLOW_HOME"]


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    """A real backend with the demo producer streaming into the test Kafka broker."""
    b = Backend(port=free_port(), home=tmp_path_factory.mktemp("backend") / "home")
    b.start()
    try:
        # Silver needs bronze rows: wait for the ingester's first commits.
        b.wait_for(
            "bronze.purchases_raw to hold rows",
            lambda: any(
                t["id"] == "bronze.purchases_raw" and (t["rows"] or 0) > 2000
                for t in b.get("/tables")["tables"]
            ),
        )
        yield b
    finally:
        b.stop()


