# One Glue database per layer, named like the backend's Iceberg namespaces. A database's
# location is where the backend's Glue catalog puts its new tables. No tables here: the
# writers (the backend's ingester and jobs, dbt-athena) create and commit the Iceberg
# tables, and Glue's table_type/metadata_location parameters belong to them alone.
resource "aws_glue_catalog_database" "layer" {
  for_each = toset(local.layers)

  name         = each.key
  description  = "Medallion ${each.key} layer (${var.environment}): Iceberg tables"
  location_uri = "s3://${aws_s3_bucket.this[each.key].bucket}/"
}

# Where the gold job's dbt builds on Athena or Trino write the marts and run their tests;
# the backend publishes them into `gold` only when every test passed. In the gold bucket.
resource "aws_glue_catalog_database" "gold_staging" {
  name         = "gold_staging"
  description  = "Medallion gold builds until their tests pass (${var.environment})"
  location_uri = "s3://${aws_s3_bucket.this["gold"].bucket}/gold_staging/"
}
