#!/usr/bin/env bash
# `npm run check:package`: packs the tarball exactly as npm would publish it, checks that it ships
# exactly the built packs the committed manifests list (packs are build outputs, not in git), then
# runs publint and @arethetypeswrong/cli on that tarball. All must be clean.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npm pack --silent --pack-destination "$out" >/dev/null
tgz=$(ls "$out"/*.tgz)
echo "packed $(basename "$tgz") ($(du -h "$tgz" | cut -f1))"
# codesets/ in the tarball: every manifest, index.json and every file the manifests list except the
# search evaluation set (a bench input), and nothing else (no sources, no build stamps).
tar -tzf "$tgz" | sed -n 's#^package/codesets/##p' | sort >"$out/shipped.txt"
node -e '
const fs = require("node:fs"), path = require("node:path");
const out = ["index.json"];
for (const system of fs.readdirSync("codesets")) {
  if (system === "sources" || !fs.statSync(path.join("codesets", system)).isDirectory()) continue;
  for (const ed of fs.readdirSync(path.join("codesets", system))) {
    const m = JSON.parse(fs.readFileSync(path.join("codesets", system, ed, "manifest.json"), "utf8"));
    out.push(`${system}/${ed}/manifest.json`);
    for (const f of m.files) if (f.file !== "search-eval.json") out.push(`${system}/${ed}/${f.file}`);
  }
}
console.log(out.sort().join("\n"));
' | sort >"$out/expected.txt"
if ! diff -u "$out/expected.txt" "$out/shipped.txt"; then
  echo "check:package: the tarball's codesets/ differs from what the manifests list (- expected, + shipped)" >&2
  exit 1
fi
echo "codesets: $(wc -l <"$out/shipped.txt") files, exactly the manifests' packs"
npx publint run "$tgz" --strict
# The CLI entry (bin) is not an import target; every subpath in `exports` is checked for ESM and CJS.
npx attw "$tgz" --profile node16 --format table-flipped
