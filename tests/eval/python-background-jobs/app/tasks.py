"""Celery tasks for reports and receipts."""

import httpx
from celery import Celery, chain

app = Celery("shop", broker="redis://redis:6379/0")
app.conf.update(task_serializer="pickle", accept_content=["pickle", "json"])  # expect: python-background-jobs/pickle-serializer
app.conf.update(result_serializer="json", result_expires=3600)  # near: python-background-jobs/pickle-serializer


@app.task
def fetch_rows(account_id: int) -> list[dict]:
    return [{"account_id": account_id}]


@app.task
def render_report(rows: list[dict]) -> str:
    return f"{len(rows)} rows"


@app.task
def build_report_blocking(account_id: int) -> str:
    rows = fetch_rows.delay(account_id).get()  # expect: python-background-jobs/wait-on-subtask
    return render_report(rows)


def build_report(account_id: int):
    return chain(fetch_rows.s(account_id), render_report.s()).apply_async()  # near: python-background-jobs/wait-on-subtask


@app.task(bind=True, autoretry_for=(httpx.TransportError,), retry_backoff=True, max_retries=5, acks_late=True)
def sync_customer(self, customer_id: int) -> None:
    settings = {"timeout": 10}
    timeout = settings.get("timeout")  # near: python-background-jobs/wait-on-subtask
    httpx.post("https://crm.internal.example/sync", json={"id": customer_id}, timeout=timeout)
