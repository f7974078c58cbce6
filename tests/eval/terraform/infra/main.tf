terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
  }
}

provider "aws" {
  region     = "eu-west-1"
  version    = "~> 5.0" # expect: terraform/provider-version-in-block
  access_key = "legacy-ci-key-0042" # expect: terraform/hardcoded-credentials
  secret_key = var.aws_secret_key # near: terraform/hardcoded-credentials
}

module "vpc" {
  source = "git::https://github.com/acme/terraform-aws-vpc.git" # expect: terraform/unpinned-module
}

module "network_policy" {
  source = "git::https://github.com/acme/terraform-aws-nacl.git?ref=v1.4.0" # near: terraform/unpinned-module
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws" # near: terraform/unpinned-module
  version = "~> 20.24"
}

resource "aws_security_group" "bastion" {
  name   = "bastion"
  vpc_id = module.vpc.vpc_id

  ingress {
    from_port   = 22 # expect: terraform/open-admin-port
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port   = 443 # near: terraform/open-admin-port
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port   = 22 # near: terraform/open-admin-port
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.office_cidr]
  }
}

resource "aws_db_instance" "reporting" {
  identifier                  = "reporting"
  engine                      = "postgres"
  engine_version              = "16.4"
  instance_class              = "db.t4g.medium"
  username                    = "reporting"
  password                    = "Sup3rS3cret!" # expect: terraform/hardcoded-credentials
  publicly_accessible         = true # expect: terraform/public-database
  storage_encrypted           = false # expect: terraform/unencrypted
  skip_final_snapshot         = false
}

resource "aws_db_instance" "orders" {
  identifier                  = "orders"
  engine                      = "postgres"
  instance_class              = "db.t4g.large"
  manage_master_user_password = true # near: terraform/hardcoded-credentials
  publicly_accessible         = false # near: terraform/public-database
  storage_encrypted           = true # near: terraform/unencrypted
}
