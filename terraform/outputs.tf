locals {
  # The backend's configuration under `lakehouse:`, keyed exactly like app-config. Each
  # lakehouse_* output is one leaf of it (its name is the key path in snake case) and
  # app_config is all of it, so the two cannot disagree.
  lakehouse_config = {
    platform  = "aws"
    aws       = { region = var.region }
    warehouse = "s3://${aws_s3_bucket.this["gold"].bucket}/warehouse"
    catalog = {
      glue = { catalogId = local.account_id }
    }
    queryEngine = {
      athena = {
        workgroup      = aws_athena_workgroup.this.name
        outputLocation = local.athena_output_location
      }
    }
  }
}

output "lakehouse_platform" {
  description = "lakehouse.platform"
  value       = local.lakehouse_config.platform
}

output "lakehouse_aws_region" {
  description = "lakehouse.aws.region"
  value       = local.lakehouse_config.aws.region
}

output "lakehouse_warehouse" {
  description = "lakehouse.warehouse: the gold bucket's warehouse prefix"
  value       = local.lakehouse_config.warehouse
}

output "lakehouse_catalog_glue_catalog_id" {
  description = "lakehouse.catalog.glue.catalogId: the account's Glue Data Catalog"
  value       = local.lakehouse_config.catalog.glue.catalogId
}

output "lakehouse_query_engine_athena_workgroup" {
  description = "lakehouse.queryEngine.athena.workgroup"
  value       = local.lakehouse_config.queryEngine.athena.workgroup
}

output "lakehouse_query_engine_athena_output_location" {
  description = "lakehouse.queryEngine.athena.outputLocation: where the workgroup (enforced) writes results"
  value       = local.lakehouse_config.queryEngine.athena.outputLocation
}

output "backend_role_arn" {
  description = "The role the backend runs as (ECS task role, or assumed by a trusted principal)"
  value       = aws_iam_role.backend.arn
}

output "app_config" {
  description = "The lakehouse block of app-config: terraform output -raw app_config > app-config.aws.yaml"
  value       = yamlencode({ lakehouse = local.lakehouse_config })
}
