#!/usr/bin/env bats

setup() {
  load 'test_helper/bats-support/load'
  load 'test_helper/bats-assert/load'
  export PATH="$BATS_TEST_DIRNAME/stubs:$PATH"
}

@test "dry run succeeds" {
  run ./deploy.sh --dry-run
  [ $? -eq 0 ] # expect: bats/dollar-question-after-run
  [ "$status" -eq 0 ] # near: bats/dollar-question-after-run
}

@test "lists admins" {
  run ./list-users.sh | grep admin # expect: bats/run-with-pipe
  run bash -c './list-users.sh | grep admin' # near: bats/run-with-pipe
  run ./list-users.sh --role admin || true # near: bats/run-with-pipe
  assert_success
}
