#!/usr/bin/env bash
# Fails when `pnpm generate` changes a committed generated file (the Prisma client and Pothos types,
# schema.graphql, the gql.tada types): whoever changed the schema must commit what it produces.
set -euo pipefail
cd "$(dirname "$0")/.."
paths=(prisma/generated schema.graphql web/src/graphql-env.d.ts)
pnpm --silent generate >/dev/null
if ! git diff --quiet -- "${paths[@]}" || [ -n "$(git ls-files --others --exclude-standard -- "${paths[@]}")" ]; then
  echo "pnpm generate changed committed files — run it and commit the result:" >&2
  git status --short -- "${paths[@]}" >&2
  git --no-pager diff --stat -- "${paths[@]}" >&2
  exit 1
fi
echo "generated files are up to date"
