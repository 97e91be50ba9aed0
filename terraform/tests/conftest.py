"""Fixtures of the Terraform tests: the parsed module, the backend's config schema and
the formatter check binary (scripts/test-terraform.sh builds it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tfmodule import Module, declared_config_paths

TERRAFORM_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = TERRAFORM_DIR.parent
CONFIG_DTS = REPO_ROOT / "plugins" / "lakehouse-backend" / "config.d.ts"


@pytest.fixture(scope="session")
def terraform_dir() -> Path:
    return TERRAFORM_DIR


@pytest.fixture(scope="session")
def module() -> Module:
    return Module.load(TERRAFORM_DIR)


@pytest.fixture(scope="session")
def config_paths() -> set[tuple[str, ...]]:
    return declared_config_paths(CONFIG_DTS.read_text())


@pytest.fixture(scope="session")
def hclfmt() -> str:
    """The formatter check (terraform/tools/hclfmt). Missing is a failure, not a skip."""
    path = os.environ.get("MEDALLION_HCLFMT", "")
    assert path and os.access(path, os.X_OK), (
        "MEDALLION_HCLFMT must point at the built terraform/tools/hclfmt binary: "
        "run the tests with `bash scripts/test-terraform.sh`, which builds it"
    )
    return path
