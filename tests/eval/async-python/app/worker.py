"""Background poller that refreshes exchange rates."""

import asyncio
import subprocess
import time

import httpx
import requests

RATES_URL = "https://rates.internal.example/v1"


async def wait_for_job(client: httpx.AsyncClient, job_id: str) -> None:
    while not (await client.get(f"/jobs/{job_id}", timeout=5)).json()["done"]:
        time.sleep(1)  # expect: async-python/time-sleep
        await asyncio.sleep(1)  # near: async-python/time-sleep


def wait_sync(job_id: str) -> None:
    time.sleep(2)  # near: async-python/time-sleep


async def fetch_rate(currency: str) -> float:
    resp = requests.get(f"{RATES_URL}/{currency}", timeout=5)  # expect: async-python/requests-in-async
    return resp.json()["rate"]


async def fetch_rate_async(client: httpx.AsyncClient, currency: str) -> float:
    resp = await client.get(f"{RATES_URL}/{currency}", timeout=5)  # near: async-python/requests-in-async
    return resp.json()["rate"]


def fetch_rate_blocking(currency: str) -> float:
    return requests.get(f"{RATES_URL}/{currency}", timeout=5).json()["rate"]  # near: async-python/requests-in-async


async def render_chart(path: str, out: str) -> None:
    subprocess.run(["convert", path, out], check=True)  # expect: async-python/blocking-subprocess
    proc = await asyncio.create_subprocess_exec("convert", path, out)  # near: async-python/blocking-subprocess
    await proc.wait()


async def notify(event) -> None:
    asyncio.create_task(send_email(event))  # expect: async-python/fire-and-forget
    task = asyncio.create_task(send_email(event))  # near: async-python/fire-and-forget
    await task


async def notify_all(events) -> None:
    async with asyncio.TaskGroup() as tg:
        for event in events:
            tg.create_task(send_email(event))  # near: async-python/fire-and-forget


async def send_email(event) -> None:
    await asyncio.sleep(0)


def legacy_main() -> None:
    loop = asyncio.get_event_loop()  # expect: async-python/get-event-loop
    loop.run_until_complete(notify(None))


async def current_loop_time() -> float:
    return asyncio.get_running_loop().time()  # near: async-python/get-event-loop


if __name__ == "__main__":
    asyncio.run(notify_all([]))
