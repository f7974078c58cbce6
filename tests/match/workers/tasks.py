from celery import Celery

app = Celery("workers", broker="redis://localhost:6379/0")


@app.task(bind=True, max_retries=3, acks_late=True)
def send_receipt(self, order_id: int) -> None:
    ...
