"""Nightly export of paid orders into the warehouse."""

from datetime import datetime, timedelta

import pendulum
from airflow import DAG
from airflow.models import Variable
from airflow.operators.python import PythonOperator  # near: airflow/legacy-operator-import
from airflow.operators.python_operator import PythonOperator as LegacyPythonOperator  # expect: airflow/legacy-operator-import
from airflow.utils.dates import days_ago

ORDERS_BUCKET = Variable.get("orders_bucket")  # expect: airflow/top-level-variable


def export_orders(**context) -> str:
    bucket = Variable.get("orders_bucket")  # near: airflow/top-level-variable
    return f"s3://{bucket}/orders/{context['ds']}.parquet"


def load_orders(**context) -> None:
    print(context["ti"].xcom_pull(task_ids="export"))


with DAG(  # expect: airflow/catchup-unset
    dag_id="etl_orders",
    schedule_interval="0 3 * * *",  # expect: airflow/schedule-interval
    start_date=datetime.now() - timedelta(days=1),  # expect: airflow/dynamic-start-date
    default_args={"retries": 2, "retry_delay": timedelta(minutes=5), "start_date": days_ago(1)},  # expect: airflow/dynamic-start-date
    tags=["orders"],
) as dag:
    export = PythonOperator(task_id="export", python_callable=export_orders, retries=3)  # near: airflow/provide-context
    load = LegacyPythonOperator(task_id="load", python_callable=load_orders, provide_context=True)  # expect: airflow/provide-context
    export >> load

first_run = pendulum.datetime(2024, 1, 1, tz="UTC")  # near: airflow/dynamic-start-date
