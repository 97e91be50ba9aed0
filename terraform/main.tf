# Shared names and lookups of the module. One environment per account and region: the
# Glue databases are named after the layers (bronze, silver, gold), as the backend's
# Iceberg namespaces are, and Glue database names are unique per account and region.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  name = "${var.name_prefix}-${var.environment}"

  # The medallion layers: one bucket and one Glue database each.
  layers = ["bronze", "silver", "gold"]
  # Every bucket: the layers plus Athena's query results.
  bucket_keys = ["bronze", "silver", "gold", "athena-results"]

  account_id      = data.aws_caller_identity.current.account_id
  glue_arn_prefix = "arn:${data.aws_partition.current.partition}:glue:${var.region}:${local.account_id}"

  # Every Glue database the backend works in.
  glue_databases = concat(
    values(aws_glue_catalog_database.layer),
    [aws_glue_catalog_database.gold_staging],
  )

  # Athena writes query results here; the workgroup enforces it.
  athena_output_location = "s3://${aws_s3_bucket.this["athena-results"].bucket}/results/"
}
