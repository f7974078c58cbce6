"""Write nightly CSV exports."""

import tempfile
import threading
from pathlib import Path


class Exporter:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._lock = threading.Lock()
        self._written = 0

    def write(self, name: str, body: str) -> None:
        f = open(self.out_dir / name, "w")  # expect: python-resource-management/open-without-with
        f.write(body)
        f.close()
        with open(self.out_dir / f"{name}.done", "w", encoding="utf-8") as marker:  # near: python-resource-management/open-without-with
            marker.write("ok")

    def header(self, name: str) -> str:
        return open(self.out_dir / name).read()  # expect: python-resource-management/open-read-chain

    def footer(self, name: str) -> str:
        return (self.out_dir / name).read_text(encoding="utf-8")  # near: python-resource-management/open-read-chain

    def redirect(self, name: str) -> None:
        self.stream = open(self.out_dir / name, "a", encoding="utf-8")  # near: python-resource-management/open-without-with

    def scratch(self) -> str:
        path = tempfile.mktemp(suffix=".csv")  # expect: python-resource-management/mktemp
        with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as tmp:  # near: python-resource-management/mktemp
            return tmp.name or path

    def count(self) -> None:
        self._lock.acquire()  # expect: python-resource-management/lock-acquire
        self._written += 1
        self._lock.release()
        with self._lock:  # near: python-resource-management/lock-acquire
            self._written += 1

    def try_count(self) -> bool:
        if self._lock.acquire(timeout=1):  # near: python-resource-management/lock-acquire
            try:
                self._written += 1
            finally:
                self._lock.release()
            return True
        return False
