"""Release helper: bump the version and build the wheel."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))  # expect: python-packaging/sys-path-hack

from distutils.version import LooseVersion  # expect: python-packaging/distutils
from importlib.metadata import version  # near: python-packaging/pkg-resources

import pkg_resources  # expect: python-packaging/pkg-resources
from packaging.version import Version  # near: python-packaging/distutils

SEARCH_PATHS = [*sys.path]  # near: python-packaging/sys-path-hack


def current() -> Version:
    legacy = LooseVersion(pkg_resources.get_distribution("orders-service").version)
    return Version(version("orders-service")) if legacy else Version("0")
