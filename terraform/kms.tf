# One customer-managed key encrypts every bucket (SSE-KMS with S3 bucket keys) and
# Athena's query results. Reading lakehouse data then takes both S3 and KMS permissions,
# key use is audited in CloudTrail, and access can be revoked at the key. Bucket keys
# cut the KMS requests (and their cost) by letting S3 reuse a data key per bucket.
#
# No key policy is given: AWS's default one lets this account's IAM policies grant use
# of the key, and the backend's policy (iam.tf) grants it only through S3.
resource "aws_kms_key" "lakehouse" {
  description             = "Medallion ${var.environment}: lakehouse buckets and Athena query results"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "lakehouse" {
  name          = "alias/${local.name}-lakehouse"
  target_key_id = aws_kms_key.lakehouse.key_id
}
