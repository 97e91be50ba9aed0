{#- Cross-database helpers: one model SQL for DuckDB (local) and Athena (Trino). -#}

{#- Money stays an exact decimal with two places; sums get a wider precision. -#}
{% macro money(expression, precision=18) -%}
  cast({{ expression }} as decimal({{ precision }}, 2))
{%- endmacro %}

{#- Whole-number totals as 64-bit integers (DuckDB would widen sum(int) to HUGEINT). -#}
{% macro whole(expression) -%}
  cast({{ expression }} as {{ dbt.type_bigint() }})
{%- endmacro %}

{#- An instant with microsecond precision: timestamptz locally, timestamp(6) in UTC on
    Athena (its Iceberg DDL has no zone) and, alike, on Trino. -#}
{% macro instant(expression) -%}
  {{ return(adapter.dispatch('instant', 'medallion')(expression)) }}
{%- endmacro %}

{% macro default__instant(expression) -%}
  {{ expression }}
{%- endmacro %}

{% macro athena__instant(expression) -%}
  cast({{ expression }} as timestamp(6))
{%- endmacro %}

{% macro trino__instant(expression) -%}
  {{ athena__instant(expression) }}
{%- endmacro %}

{#- Text form of an identifier (silver's event_id is an Iceberg uuid). -#}
{% macro as_text(expression) -%}
  {{ dbt.safe_cast(expression, dbt.type_string()) }}
{%- endmacro %}
