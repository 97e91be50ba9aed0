"""dbt-duckdb source plugin: silver tables read through PyIceberg from the pipeline's
SQL catalog.

It is dbt-duckdb's built-in `iceberg` plugin plus one translation: the pipeline
names its catalog `sqlite:/abs/catalog.db` (or `postgresql://...`), while PyIceberg's
SqlCatalog wants a SQLAlchemy URL (`sqlite:////abs/catalog.db`).
"""

from __future__ import annotations

import re
from typing import Any, Dict

from dbt.adapters.duckdb.plugins.iceberg import Plugin as IcebergPlugin


def sqlalchemy_uri(uri: str) -> str:
    """The pipeline's catalog URI in SQLAlchemy's form."""
    uri = uri.strip()
    if not uri:
        raise ValueError(
            "MEDALLION_CATALOG_URI is not set (e.g. sqlite:/abs/catalog.db or postgresql://...)"
        )
    if uri.startswith("sqlite:"):
        # sqlite:/abs, sqlite://abs, sqlite:///abs, sqlite:////abs -> sqlite:////abs
        path = re.sub(r"^sqlite:/*", "/", uri)
        return f"sqlite:///{path}"
    if uri.startswith("postgres://"):
        return "postgresql://" + uri[len("postgres://"):]
    if uri.startswith("postgresql"):
        return uri
    raise ValueError(f"unsupported catalog URI {uri!r}: expected sqlite: or postgresql://")


class Plugin(IcebergPlugin):
    def initialize(self, config: Dict[str, Any]) -> None:
        config = dict(config)
        config.setdefault("type", "sql")
        config["uri"] = sqlalchemy_uri(str(config.get("uri", "")))
        if not config.get("warehouse"):
            raise ValueError("MEDALLION_WAREHOUSE is not set (e.g. file:///abs/warehouse)")
        super().initialize(config)
