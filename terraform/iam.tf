# The backend's role: what the Medallion backend (Backstage plugin: ingester, silver,
# gold and maintenance jobs, Athena queries) runs as. Every statement names its
# resources; no action or resource wildcard beyond "the objects in this bucket" and
# "the tables in this database".

data "aws_iam_policy_document" "backend_trust" {
  dynamic "statement" {
    for_each = length(var.backend_trusted_services) > 0 ? [var.backend_trusted_services] : []

    content {
      sid     = "TrustedServices"
      actions = ["sts:AssumeRole"]

      principals {
        type        = "Service"
        identifiers = statement.value
      }

      # Confused-deputy guard: the service may assume the role only for this account.
      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [local.account_id]
      }
    }
  }

  dynamic "statement" {
    for_each = length(var.backend_trusted_principal_arns) > 0 ? [var.backend_trusted_principal_arns] : []

    content {
      sid     = "TrustedPrincipals"
      actions = ["sts:AssumeRole"]

      principals {
        type        = "AWS"
        identifiers = statement.value
      }
    }
  }
}

resource "aws_iam_role" "backend" {
  name                 = "${local.name}-backend"
  description          = "Medallion backend (${var.environment}): lakehouse buckets, Glue databases, Athena workgroup"
  assume_role_policy   = data.aws_iam_policy_document.backend_trust.json
  max_session_duration = 3600

  lifecycle {
    precondition {
      condition     = length(var.backend_trusted_services) + length(var.backend_trusted_principal_arns) > 0
      error_message = "Nobody could assume the backend's role: set backend_trusted_services and/or backend_trusted_principal_arns."
    }
  }
}

data "aws_iam_policy_document" "backend" {
  # Iceberg tables: the backend reads, writes (conditional PutObject, multipart uploads)
  # and deletes (maintenance) data and metadata files in the layer buckets.
  statement {
    sid       = "ListLayerBuckets"
    actions   = ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"]
    resources = [for layer in local.layers : aws_s3_bucket.this[layer].arn]
  }

  statement {
    sid = "ReadWriteLayerObjects"
    actions = [
      "s3:AbortMultipartUpload",
      "s3:DeleteObject",
      "s3:GetObject",
      "s3:ListMultipartUploadParts",
      "s3:PutObject",
    ]
    resources = [for layer in local.layers : "${aws_s3_bucket.this[layer].arn}/*"]
  }

  # Athena writes the results of the backend's queries with the backend's credentials,
  # and GetQueryResults reads them back the same way.
  statement {
    sid       = "ListQueryResultsBucket"
    actions   = ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"]
    resources = [aws_s3_bucket.this["athena-results"].arn]
  }

  statement {
    sid = "ReadWriteQueryResults"
    actions = [
      "s3:AbortMultipartUpload",
      "s3:GetObject",
      "s3:ListMultipartUploadParts",
      "s3:PutObject",
    ]
    resources = ["${aws_s3_bucket.this["athena-results"].arn}/*"]
  }

  # Every object is SSE-KMS encrypted: S3 calls KMS on the caller's behalf. Only through
  # S3 in this region, never directly.
  statement {
    sid       = "UseLakehouseKeyThroughS3"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.lakehouse.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.region}.amazonaws.com"]
    }
  }

  # The Glue catalog: namespaces are the layer databases and gold_staging (Terraform owns
  # them, so no Create/DeleteDatabase); the backend creates, commits (UpdateTable with VersionId) and
  # drops the Iceberg tables in them. Athena checks the same permissions when querying.
  # GetDatabases lists only the databases granted here.
  statement {
    sid     = "ReadLayerDatabases"
    actions = ["glue:GetDatabase", "glue:GetDatabases"]
    resources = concat(
      ["${local.glue_arn_prefix}:catalog"],
      [for db in local.glue_databases : db.arn],
    )
  }

  statement {
    sid = "ManageLayerTables"
    actions = [
      "glue:CreateTable",
      "glue:DeleteTable",
      "glue:GetTable",
      "glue:GetTables",
      "glue:UpdateTable",
    ]
    resources = concat(
      ["${local.glue_arn_prefix}:catalog"],
      [for db in local.glue_databases : db.arn],
      [for db in local.glue_databases : "${local.glue_arn_prefix}:table/${db.name}/*"],
    )
  }

  statement {
    sid = "QueryInWorkgroup"
    actions = [
      "athena:GetQueryExecution",
      "athena:GetQueryResults",
      "athena:GetWorkGroup",
      "athena:StartQueryExecution",
      "athena:StopQueryExecution",
    ]
    resources = [aws_athena_workgroup.this.arn]
  }
}

resource "aws_iam_policy" "backend" {
  name        = "${local.name}-backend"
  description = "Least privilege of the Medallion backend (${var.environment})"
  policy      = data.aws_iam_policy_document.backend.json
}

resource "aws_iam_role_policy_attachment" "backend" {
  role       = aws_iam_role.backend.name
  policy_arn = aws_iam_policy.backend.arn
}
