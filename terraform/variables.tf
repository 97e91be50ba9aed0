variable "region" {
  type        = string
  description = "AWS region of every resource (the backend's lakehouse.aws.region), e.g. eu-west-1."

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", var.region))
    error_message = "The region must be an AWS region code such as eu-west-1."
  }
}

variable "name_prefix" {
  type        = string
  description = "First part of every resource name: buckets are <name_prefix>-<environment>-<layer>. S3 bucket names are global, so pick something your organisation owns."
  default     = "medallion"

  # Bucket names allow 63 characters: 24 + 1 + 16 + 1 + len("athena-results") = 56.
  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,22}[a-z0-9])?$", var.name_prefix))
    error_message = "The name_prefix value must be 1-24 lower-case letters, digits or hyphens, starting and ending with a letter or digit (it is part of S3 bucket names)."
  }
}

variable "environment" {
  type        = string
  description = "Deployment environment (dev, staging, prod...): second part of every resource name and the Environment tag."

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]{0,14}[a-z0-9])?$", var.environment))
    error_message = "The environment value must be 1-16 lower-case letters, digits or hyphens, starting and ending with a letter or digit (it is part of S3 bucket names)."
  }
}

variable "athena_bytes_scanned_cutoff" {
  type        = number
  description = "Athena cancels any query of the workgroup that scans more than this many bytes (cost guard). Default 10 GiB."
  default     = 10737418240

  validation {
    condition     = var.athena_bytes_scanned_cutoff >= 10000000 && floor(var.athena_bytes_scanned_cutoff) == var.athena_bytes_scanned_cutoff
    error_message = "The athena_bytes_scanned_cutoff value must be a whole number of bytes, at least 10000000 (10 MB, Athena's minimum)."
  }
}

variable "query_results_retention_days" {
  type        = number
  description = "Days Athena query results (and anything else in the results bucket) are kept before S3 deletes them."
  default     = 7

  validation {
    condition     = var.query_results_retention_days >= 1 && floor(var.query_results_retention_days) == var.query_results_retention_days
    error_message = "The query_results_retention_days value must be a whole number of days, at least 1."
  }
}

variable "noncurrent_version_retention_days" {
  type        = number
  description = "Days a replaced or deleted object version stays recoverable in the bronze, silver and gold buckets (versioning is the undo for a bad delete; Iceberg's own snapshots are the undo for bad data)."
  default     = 30

  validation {
    condition     = var.noncurrent_version_retention_days >= 1 && floor(var.noncurrent_version_retention_days) == var.noncurrent_version_retention_days
    error_message = "The noncurrent_version_retention_days value must be a whole number of days, at least 1."
  }
}

variable "backend_trusted_services" {
  type        = list(string)
  description = "AWS service principals that may assume the backend's role, e.g. ecs-tasks.amazonaws.com for an ECS task role. Restricted to this account by aws:SourceAccount."
  default     = ["ecs-tasks.amazonaws.com"]

  validation {
    condition     = alltrue([for s in var.backend_trusted_services : can(regex("^[a-z0-9-]+(\\.[a-z0-9-]+)*\\.amazonaws\\.com$", s))])
    error_message = "The backend_trusted_services list must hold AWS service principals such as ecs-tasks.amazonaws.com."
  }
}

variable "backend_trusted_principal_arns" {
  type        = list(string)
  description = "IAM principals (role, user or account root ARNs) that may assume the backend's role, e.g. the role of a host or a CI job that runs the backend."
  default     = []

  validation {
    condition     = alltrue([for arn in var.backend_trusted_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(root|(role|user)/[A-Za-z0-9+=,.@_/-]+)$", arn))])
    error_message = "The backend_trusted_principal_arns list must hold IAM role, user or account root ARNs (no wildcards)."
  }
}

variable "force_destroy" {
  type        = bool
  description = "Let `terraform destroy` delete non-empty buckets (every object version) and the workgroup's saved queries. Only for throw-away environments."
  default     = false
}

variable "tags" {
  type        = map(string)
  description = "Extra tags on every resource (Project, Environment and ManagedBy are always set)."
  default     = {}
}
