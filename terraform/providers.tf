provider "aws" {
  region = var.region

  default_tags {
    # The fixed tags win over var.tags, so every resource says which deployment it is.
    tags = merge(var.tags, {
      Project     = "medallion"
      Environment = var.environment
      ManagedBy   = "terraform"
    })
  }
}
