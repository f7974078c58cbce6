environment     = "prod"
db_password     = "R3p0rting-Pr0d!" # expect: terraform/hardcoded-credentials
db_username     = "reporting" # near: terraform/hardcoded-credentials
password_length = "24" # near: terraform/hardcoded-credentials
