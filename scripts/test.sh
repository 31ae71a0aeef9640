#!/usr/bin/env bash
# `npm test`: every check, in the order that fails fastest. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m▶ %s\033[0m\n' "$1"; }
REPORTS=$(mktemp -d)
trap 'rm -rf "$REPORTS"' EXIT

step "Browser for the end-to-end tests (Debian's chromium and fonts-noto-cjk)"
bash scripts/ensure-browser.sh

step "Local services for the live-data tests (PostgreSQL, Mosquitto, the redis-server binary)"
bash scripts/ensure-services.sh

step "Typecheck (also compiles the server and the protocol package)"
npm run --silent typecheck

step "Lint (code rules and architecture boundaries)"
npm run --silent lint

step "Unit and integration tests (Vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest.json"

step "Build the viewer"
npm run --silent build:viewer

step "Build the district assets (incremental)"
npm run --silent build:assets

step "Browser tests (Playwright, Debian's chromium, software WebGL)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/playwright.json" \
  npx playwright test -c e2e/playwright.config.ts --reporter=list,json

node scripts/test-summary.mjs "$REPORTS/vitest.json" "$REPORTS/playwright.json"
