#!/usr/bin/env bats

@test "prints usage without arguments" {
  run ./scripts/deploy.sh
  [ "$status" -ne 0 ]
}
