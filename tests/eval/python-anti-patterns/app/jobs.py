"""Background jobs: multi-line calls, where a line regex cannot see the keyword."""

import subprocess


def convert(name: str) -> None:
    subprocess.run(
        f"convert {name} out.png",
        check=True,
        shell=True,  # expect: python-anti-patterns/shell-true
    )


def convert_safely(name: str) -> None:
    subprocess.run(
        ["convert", name, "out.png"],
        check=True,
        shell=False,  # near: python-anti-patterns/shell-true
    )


def describe() -> str:
    # A string that mentions the call is not the call.
    return "subprocess.run(cmd, shell=True) is dangerous"  # near: python-anti-patterns/shell-true
