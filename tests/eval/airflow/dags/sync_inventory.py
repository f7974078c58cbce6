"""Hourly inventory sync, TaskFlow style."""

from datetime import timedelta

import pendulum
from airflow.decorators import dag, task
from airflow.models import Variable


@dag(  # near: airflow/catchup-unset
    schedule="@hourly",  # near: airflow/schedule-interval
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),  # near: airflow/dynamic-start-date
    catchup=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=5)},
    tags=["inventory"],
)
def sync_inventory():
    @task
    def extract(data_interval_start=None) -> str:
        bucket = Variable.get("inventory_bucket")
        return f"s3://{bucket}/inventory/{data_interval_start:%Y%m%d%H}.json"

    @task
    def load(path: str) -> None:
        print(f"loading {path}")

    load(extract())


sync_inventory()
