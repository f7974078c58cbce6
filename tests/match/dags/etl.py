from datetime import datetime

from airflow.decorators import dag, task


@dag(schedule="@daily", start_date=datetime(2024, 1, 1), catchup=False)
def etl():
    @task
    def extract():
        return [1, 2, 3]

    extract()


etl()
