"""Import customer data exported by the legacy CRM."""

import json
import os
import pickle
import shutil
import subprocess
from datetime import datetime, timezone

import yaml

from app.db import engine
from app.text import *  # expect: python-anti-patterns/star-import
from app.text import normalize_name, slugify  # near: python-anti-patterns/star-import


def collect_tags(tag: str, tags: list[str] = []) -> list[str]:  # expect: python-anti-patterns/mutable-default
    tags.append(tag)
    return tags


def collect_labels(label: str, labels: list[str] | None = None) -> list[str]:  # near: python-anti-patterns/mutable-default
    labels = [] if labels is None else labels
    labels.append(label)
    return labels


def find_owner(customer):
    if customer.owner == None:  # expect: python-anti-patterns/none-comparison
        return None
    if customer.manager is None:  # near: python-anti-patterns/none-comparison
        return customer.owner
    return customer.owner


def orphaned(session, Customer):
    return session.scalars(Customer.select().where(Customer.owner_id == None))  # near: python-anti-patterns/none-comparison


def coerce(value):
    if type(value) == dict:  # expect: python-anti-patterns/type-comparison
        return value
    if isinstance(value, list):  # near: python-anti-patterns/type-comparison
        return {"items": value}
    return {"value": value}


def is_active(record) -> bool:
    if record.status is "active":  # expect: python-anti-patterns/is-literal
        return True
    return record.status == "active" or record.flag is not None  # near: python-anti-patterns/is-literal


def parse_filter(expr: str):
    return eval(expr)  # expect: python-anti-patterns/eval-exec


def parse_literal(expr: str):
    import ast

    return ast.literal_eval(expr)  # near: python-anti-patterns/eval-exec


def load_blob(raw: bytes):
    return pickle.loads(raw)  # expect: python-anti-patterns/pickle-load


def load_json_blob(raw: bytes):
    return json.loads(raw)  # near: python-anti-patterns/pickle-load


def load_mapping(stream):
    return yaml.load(stream)  # expect: python-anti-patterns/yaml-load


def load_mapping_safely(stream):
    return yaml.load(stream, Loader=yaml.SafeLoader)  # near: python-anti-patterns/yaml-load


def convert(name: str) -> None:
    subprocess.run(f"convert {name} out.png", shell=True)  # expect: python-anti-patterns/shell-true
    subprocess.run(["convert", name, "out.png"], check=True)  # near: python-anti-patterns/shell-true


def cleanup(tmpdir: str) -> None:
    os.system("rm -rf " + tmpdir)  # expect: python-anti-patterns/os-system
    shutil.rmtree(tmpdir, ignore_errors=True)  # near: python-anti-patterns/os-system


def find_customer(cur, email: str):
    cur.execute(f"SELECT id, name FROM customers WHERE email = '{email}'")  # expect: python-anti-patterns/sql-string-format
    cur.execute("SELECT id, name FROM customers WHERE email = %s", (email,))  # near: python-anti-patterns/sql-string-format
    return cur.fetchone()


def find_by_region(cur, region: str):
    cur.execute("SELECT id FROM customers WHERE region = '%s'" % region)  # expect: python-anti-patterns/sql-string-format
    return cur.fetchall()


def count_by_region(cur, table: str, region: str):
    # expect-next: python-anti-patterns/sql-string-format
    query = f"""
        SELECT count(*) FROM {table}
        WHERE region = %s
    """
    # near-next: python-anti-patterns/sql-string-format
    label = f"""SELECT wording is not SQL for {table}"""
    cur.execute(query, (region,))
    return cur.fetchone()


def stamp(record) -> None:
    record["imported_at"] = datetime.utcnow()  # expect: python-anti-patterns/utcnow
    record["checked_at"] = datetime.now(timezone.utc)  # near: python-anti-patterns/utcnow
