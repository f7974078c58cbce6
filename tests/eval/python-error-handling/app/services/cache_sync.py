"""Keep the local cache in sync with the upstream inventory service."""

import contextlib
import logging
import os

from app.errors import CacheMiss, InventoryError, UpstreamUnavailable

logger = logging.getLogger(__name__)


def read_port() -> int:
    try:
        return int(os.environ["CACHE_PORT"])
    except:  # expect: python-error-handling/bare-except
        return 6379


def read_timeout() -> float:
    try:
        return float(os.environ["CACHE_TIMEOUT"])
    except (KeyError, ValueError):  # near: python-error-handling/bare-except
        return 2.5


def evict(cache, key: str) -> None:
    try:
        cache.delete(key)
    except Exception:  # expect: python-error-handling/except-pass, expect: python-error-handling/blind-except
        pass


def evict_quietly(cache, key: str) -> None:
    try:
        cache.delete(key)
    except CacheMiss as err:  # near: python-error-handling/except-pass
        logger.debug("already gone: %s", err)
        pass


def evict_all(cache, keys: list[str]) -> None:
    for key in keys:
        try:
            cache.delete(key)
        except Exception: pass  # expect: python-error-handling/except-pass-inline, expect: python-error-handling/blind-except


def evict_known(cache, keys: list[str]) -> None:
    for key in keys:
        try:
            cache.delete(key)
        except CacheMiss: pass  # near: python-error-handling/except-pass-inline


def evict_optional(cache, key: str) -> None:
    try:
        cache.delete(key)
    except CacheMiss:  # near: python-error-handling/except-pass
        pass


def evict_many(cache, keys: list[str]) -> None:
    for key in keys:
        with contextlib.suppress(CacheMiss):  # near: python-error-handling/except-pass-inline
            cache.delete(key)


def fetch_stock(client, sku: str) -> int:
    try:
        return client.stock(sku)
    except UpstreamUnavailable as err:
        raise InventoryError(f"stock unknown for {sku}") from err


def load_snapshot(path) -> dict | None:
    try:
        return parse_snapshot(path.read_text())
    finally:  # expect: python-error-handling/return-in-finally
        return None


def load_snapshot_logged(path) -> dict:
    try:
        return parse_snapshot(path.read_text())
    finally:  # near: python-error-handling/return-in-finally
        logger.debug("snapshot read from %s", path)


def push_metrics(client, batch) -> None:
    try:
        client.send(batch)
    # expect-next: python-error-handling/blind-except
    except (
        TimeoutError,
        Exception,
    ) as err:
        print("metrics dropped", err)


def push_metrics_logged(client, batch) -> None:
    try:
        client.send(batch)
    except Exception:  # near: python-error-handling/blind-except
        logger.error(
            "metrics dropped",
            exc_info=True,
        )


def push_metrics_reraised(client, batch) -> None:
    try:
        client.send(batch)
    except Exception as err:  # near: python-error-handling/blind-except
        raise InventoryError("metrics dropped") from err


def parse_snapshot(text: str) -> dict:
    # An "except: pass" here would hide corrupt snapshots, so we let ValueError escape.
    return {"raw": text}
