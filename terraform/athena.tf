# The workgroup every Athena query of the deployment runs in. Its settings are enforced:
# a client cannot point results elsewhere, skip their encryption or lift the cost cutoff.
resource "aws_athena_workgroup" "this" {
  name          = local.name
  description   = "Medallion lakehouse queries (${var.environment})"
  state         = "ENABLED"
  force_destroy = var.force_destroy

  configuration {
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true
    bytes_scanned_cutoff_per_query     = var.athena_bytes_scanned_cutoff

    engine_version {
      selected_engine_version = "Athena engine version 3"
    }

    result_configuration {
      output_location       = local.athena_output_location
      expected_bucket_owner = local.account_id

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = aws_kms_key.lakehouse.arn
      }
    }
  }
}
