{#-
  A model's `schema` config is used verbatim: `schema: gold` is the Iceberg namespace
  locally and the Glue database on Athena (dbt's default would make it `<target>_gold`).
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
  {%- if custom_schema_name is none -%}
    {{ target.schema }}
  {%- else -%}
    {{ custom_schema_name | trim }}
  {%- endif -%}
{%- endmacro %}
