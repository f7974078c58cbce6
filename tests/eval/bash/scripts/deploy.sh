#!/usr/bin/env bash # expect: bash/no-strict-mode
# Deploy the current build to the release directory on this host.

RELEASE_ROOT=/srv/app/releases
BUILD_DIR=$1
VERSION=`git describe --tags` # expect: bash/backticks
STAMP=$(date +%Y%m%d%H%M%S) # near: bash/backticks

cd $RELEASE_ROOT # expect: bash/cd-unchecked
cd "$RELEASE_ROOT" || exit 1 # near: bash/cd-unchecked

if [ $ENVIRONMENT = production ]; then # expect: bash/unquoted-test
  echo "deploying $VERSION to production"
fi
if [[ "$ENVIRONMENT" == staging ]]; then # near: bash/unquoted-test
  echo "deploying $VERSION to staging"
fi
if [ -n $BUILD_DIR ]; then # expect: bash/unquoted-unary-test
  echo "building from $BUILD_DIR"
fi
if [ -n "$BUILD_DIR" ]; then # near: bash/unquoted-unary-test
  echo "building from $BUILD_DIR"
fi
if [ "$#" -eq 0 ]; then # near: bash/unquoted-test
  echo "usage: deploy.sh BUILD_DIR" >&2
fi

rm -rf $RELEASE_ROOT/$VERSION # expect: bash/unquoted-var-in-command
ls $RELEASE_ROOT # near: bash/unquoted-var-in-command
tar -czf "/tmp/$STAMP.tgz" \
  -C $BUILD_DIR . # expect: bash/unquoted-var-in-command
tar -czf "/tmp/$STAMP.tgz" \
  -C "$BUILD_DIR" . # near: bash/unquoted-var-in-command
rm -rf "${RELEASE_ROOT:?}/current" # near: bash/unquoted-var-in-command
cp -r $BUILD_DIR "$RELEASE_ROOT/$STAMP" # expect: bash/unquoted-var-in-command
echo "would run: rm -rf $RELEASE_ROOT/old" # near: bash/unquoted-var-in-command

for f in $(ls "$RELEASE_ROOT"); do # expect: bash/for-ls
  echo "release: $f"
done
for f in "$RELEASE_ROOT"/*; do # near: bash/for-ls
  echo "release: $f"
done

post_hook="notify --release $STAMP"
eval "$post_hook" # expect: bash/eval-variable
eval "$(ssh-agent -s)" # near: bash/eval-variable

curl -fsSL https://get.example.com/agent.sh | sudo bash # expect: bash/curl-pipe-shell
curl -fsSLo /tmp/agent.sh https://get.example.com/agent.sh # near: bash/curl-pipe-shell
