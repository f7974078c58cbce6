"""Monthly usage reports."""

import logging

logger = logging.getLogger(__name__)


def build_report(tenant: str, rows: list[dict]) -> list[str]:
    logger.info(f"building report for {tenant}")  # expect: python-code-style/logging-fstring
    logger.info("building report for %s with %d rows", tenant, len(rows))  # near: python-code-style/logging-fstring
    lines = []
    for i in range(len(rows)):  # expect: python-code-style/range-len
        lines.append(f"{i}: {rows[i]['name']}")
    for i, row in enumerate(rows):  # near: python-code-style/range-len
        lines.append(f"{i}: {row['name']}")
    for size in range(len(rows) + 1):  # near: python-code-style/range-len
        lines.append(str(size))
    return lines


def visible(user) -> bool:
    if user.is_active == True:  # expect: python-code-style/bool-comparison
        return True
    return bool(user.is_staff)  # near: python-code-style/bool-comparison


def active_users(session, User):
    return session.scalars(User.select().where(User.is_active == True))  # near: python-code-style/bool-comparison


normalize = lambda s: s.strip().lower()  # expect: python-code-style/lambda-assignment
by_name = sorted([], key=lambda row: row["name"])  # near: python-code-style/lambda-assignment
