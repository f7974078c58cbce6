#!/usr/bin/env bash # near: bash/no-strict-mode
set -euo pipefail

readonly dist_dir="${DIST_DIR:-dist}"
export BUILD_ROOT=$(pwd)/build # expect: bash/local-masks-status
CACHE_ROOT=$(pwd)/cache # near: bash/local-masks-status
export CACHE_ROOT # near: bash/local-masks-status
export OUT_ROOT="${OUT_ROOT:-$(pwd)/out}" # near: bash/local-masks-status

checksum() {
  local file=$1
  local sum
  sum=$(sha256sum -- "$file") # near: bash/local-masks-status
  local tag=$(git describe --tags) # expect: bash/local-masks-status
  # expect-next: bash/local-masks-status
  local stamp="$(date -u \
    +%Y%m%d)"
  printf '%s %s %s\n' "$tag" "$sum" "$stamp"
}

cd "$dist_dir" # near: bash/cd-unchecked

while read line; do # expect: bash/read-without-r
  checksum "$line"
done < manifest.txt

while IFS= read -r line; do # near: bash/read-without-r
  checksum "$line"
done < manifest.txt
