"""The checks the sensors apply to the backend's answers, and the settings' validation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from medallion_jobs import (
    Settings,
    bronze_freshness_check,
    bronze_is_fresh,
    run_finished,
    trigger_accepted,
)

from airflow.sdk.exceptions import AirflowException, AirflowFailException


class Answer:
    def __init__(self, body: Any, status_code: int = 200) -> None:
        self._body = body
        self.status_code = status_code
        self.text = str(body)
        self.reason = "reason"

    def json(self) -> Any:
        return self._body


@pytest.mark.parametrize(("status", "done"), [("queued", False), ("running", False), ("succeeded", True)])
def test_a_run_is_waited_for_until_it_succeeded(status: str, done: bool) -> None:
    assert run_finished("silver", Answer({"runId": "r1", "status": status})) is done


@pytest.mark.parametrize("status", ["failed", "cancelled"])
def test_a_failed_or_cancelled_run_fails_the_sensor_at_once_with_its_error(status: str) -> None:
    with pytest.raises(AirflowFailException, match=rf"silver run r1 {status}: disk full"):
        run_finished("silver", Answer({"runId": "r1", "status": status, "error": "disk full"}))


def freshness(status: str) -> Answer:
    return Answer({"tables": [{"table": "bronze.purchases_raw", "status": status, "ageSeconds": 3}]})


@pytest.mark.parametrize(
    ("status", "fresh"), [("fresh", True), ("warn", True), ("error", False), ("unknown", False)]
)
def test_bronze_must_be_fresh_or_in_its_warn_band(status: str, fresh: bool) -> None:
    assert bronze_is_fresh(freshness(status)) is fresh


def test_a_backend_without_bronze_fails_the_check_with_the_fix() -> None:
    with pytest.raises(AirflowFailException, match="bronze ingester enabled"):
        bronze_is_fresh(Answer({"tables": []}))


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDALLION_AIRFLOW_RETRIES", "3")
    monkeypatch.setenv("MEDALLION_AIRFLOW_RETRY_DELAY_SECONDS", "45")
    monkeypatch.setenv("MEDALLION_AIRFLOW_CONN_ID", "lakehouse_prod")
    s = Settings.from_env()
    assert (s.retries, s.retry_delay.total_seconds(), s.conn_id) == (3, 45, "lakehouse_prod")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MEDALLION_AIRFLOW_RETRIES", "many"),
        ("MEDALLION_AIRFLOW_RETRY_DELAY_SECONDS", "soon"),
        ("MEDALLION_AIRFLOW_POKE_INTERVAL_SECONDS", "-1"),
    ],
)
def test_bad_settings_name_the_variable(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=name):
        Settings.from_env()


def backend_error(status: int, message: str) -> Answer:
    return Answer({"error": {"name": "Error", "message": message}}, status)


def test_an_accepted_trigger_passes() -> None:
    assert trigger_accepted("silver", Answer({"runId": "r1"}, 202)) is True


@pytest.mark.parametrize(
    "answer",
    [
        backend_error(409, "Job silver already has an active run r0 (running); wait for it"),
        backend_error(503, "the database is unavailable"),
        Answer("<html>bad gateway</html>", 502),
    ],
)
def test_what_a_retry_can_fix_is_retried(answer: Answer) -> None:
    with pytest.raises(AirflowException) as raised:
        trigger_accepted("silver", answer)
    assert not isinstance(raised.value, AirflowFailException)
    assert f"answered {answer.status_code}" in str(raised.value)


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (backend_error(409, "Job gold is disabled: no dbt environment"), "no dbt environment"),
        (backend_error(400, "params.limit: expected an integer"), "expected an integer"),
        (backend_error(403, "permission lakehouse.job.execute is required"), "lakehouse.job.execute"),
    ],
)
def test_what_a_retry_cannot_fix_fails_at_once_with_the_reason(answer: Answer, reason: str) -> None:
    with pytest.raises(AirflowFailException, match=reason):
        trigger_accepted("gold", answer)


@pytest.mark.parametrize(
    ("answer", "fails_at_once"),
    [
        (backend_error(401, "Missing credentials"), True),
        (backend_error(404, "No run 7f"), True),
        (backend_error(503, "the database is unavailable"), False),
        (backend_error(429, "slow down"), False),
    ],
)
def test_sensors_fail_fast_on_answers_a_retry_cannot_fix(answer: Answer, fails_at_once: bool) -> None:
    sensor = bronze_freshness_check(timeout=timedelta(minutes=1))
    expected = AirflowFailException if fails_at_once else AirflowException
    with pytest.raises(expected) as raised:
        sensor.response_check(answer)
    assert fails_at_once or not isinstance(raised.value, AirflowFailException)
    assert f"answered {answer.status_code}" in str(raised.value)


def test_sensors_check_a_successful_answer() -> None:
    sensor = bronze_freshness_check(timeout=timedelta(minutes=1))
    assert sensor.response_check(freshness("fresh")) is True
    assert sensor.response_check(freshness("error")) is False
