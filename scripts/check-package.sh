#!/usr/bin/env bash
# `npm run check:package`: packs the tarball exactly as npm would publish it, then runs publint and
# @arethetypeswrong/cli on that tarball. Both must be clean.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npm pack --silent --pack-destination "$out" >/dev/null
tgz=$(ls "$out"/*.tgz)
echo "packed $(basename "$tgz") ($(du -h "$tgz" | cut -f1))"
npx publint run "$tgz" --strict
# The CLI entry (bin) is not an import target; every subpath in `exports` is checked for ESM and CJS.
npx attw "$tgz" --profile node16 --format table-flipped
