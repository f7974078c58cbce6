#!/bin/bash -eu # near: bash/no-strict-mode
# Regenerate the protobuf stubs for this service.

PATH=$PATH:$GOPATH/bin
protodir=../../protos
outdir=./genproto

cd "$(dirname "$0")" # near: bash/cd-unchecked
mkdir -p "$outdir"
find "$protodir" -name '*.proto' -print0 | while IFS= read -d $'\0' -r proto; do # near: bash/read-without-r
  protoc --go_out="$outdir" --go-grpc_out="$outdir" -I "$protodir" "$proto"
done
