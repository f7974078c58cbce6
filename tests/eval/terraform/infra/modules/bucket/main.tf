terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60" # near: terraform/provider-version-in-block
    }
  }
}

provider "aws" {
  alias  = "replica"
  region = "eu-central-1" # near: terraform/provider-version-in-block
}

variable "name" {
  type        = string
  description = "Bucket name."
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
}

resource "aws_s3_bucket_acl" "this" {
  bucket = aws_s3_bucket.this.id
  acl    = "public-read" # expect: terraform/public-acl
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = aws_s3_bucket.this.id
  acl    = "private" # near: terraform/public-acl
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "eu-west-1a"
  size              = 20
  encrypted         = false # expect: terraform/unencrypted
}
