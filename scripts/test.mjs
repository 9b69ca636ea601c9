#!/usr/bin/env node
// `npm test`: every suite. Unit and API tests (vitest) always run on PGlite; they also run on a real
// PostgreSQL when one answers (PARKLINK_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test);
// browser tests (Playwright) run when Debian's Chromium is installed. A skipped suite is named in one
// line with how to enable it. In CI (CI=true) a missing PostgreSQL or Chromium is a failure, not a skip.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const CHROMIUM = process.env.PARKLINK_CHROMIUM || '/usr/bin/chromium';
const pgUrl = process.env.PARKLINK_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(1500);
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.once('timeout', () => done(false));
    s.connect(Number(port || 5432), hostname);
  });
}

const skipped = [];
const env = { ...process.env };
const hasPg = await reachable(pgUrl);
if (hasPg) env.PARKLINK_TEST_PG_URL = pgUrl;
else
  skipped.push(
    `PostgreSQL suite skipped: nothing answers at ${pgUrl} — start PostgreSQL or set PARKLINK_TEST_PG_URL to enable it.`,
  );
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  skipped.push(
    `Browser suite skipped: no Chromium at ${CHROMIUM} — run "apt-get install chromium" (or set PARKLINK_CHROMIUM) to enable it.`,
  );

const results = 'test-results/vitest.json';
rmSync(results, { force: true });
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`],
  {
    stdio: 'inherit',
    env,
  },
);

const tally = { unit: [0, 0, 0], pglite: [0, 0, 0], postgres: [0, 0, 0], browser: [0, 0, 0] };
if (existsSync(results)) {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  for (const file of report.testResults) {
    for (const t of file.assertionResults) {
      // Integration suites are titled by engine: "['postgres'] registry API".
      const engine = /\bpostgres\b/.test(t.ancestorTitles[0] ?? '') ? 'postgres' : 'pglite';
      const suite = file.name.includes('.int.test.') ? engine : 'unit';
      const i = t.status === 'passed' ? 0 : t.status === 'failed' ? 1 : 2;
      tally[suite][i]++;
    }
  }
}

let e2eStatus = 0;
if (hasChromium) {
  rmSync('test-results/e2e.json', { force: true });
  const e2e = spawnSync('npx', ['playwright', 'test'], { stdio: 'inherit', env });
  e2eStatus = e2e.status ?? 1;
  if (existsSync('test-results/e2e.json')) {
    const { stats } = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
    tally.browser = [stats.expected + stats.flaky, stats.unexpected, stats.skipped];
  } else if (e2eStatus !== 0) tally.browser[1]++;
}

console.log('\nParkLink test summary');
const names = {
  unit: 'unit (domain, reference data)',
  pglite: 'API on PGlite',
  postgres: 'API on PostgreSQL',
  browser: 'browser (Chromium)',
};
for (const [k, [p, f, s]] of Object.entries(tally))
  console.log(`  ${names[k].padEnd(32)} ${p} passed, ${f} failed, ${s} skipped`);
for (const line of skipped) console.log(`  ${line}`);
const passed = Object.values(tally).reduce((a, [p]) => a + p, 0);
let failed = Object.values(tally).reduce((a, [, f]) => a + f, 0);
if (vitest.status !== 0 && failed === 0) failed = 1;
if (e2eStatus !== 0 && tally.browser[1] === 0) failed++;
if (hasPg && tally.postgres[0] === 0) {
  console.log('  PostgreSQL answered but its suite ran no test: counting that as a failure.');
  failed++;
}
if (hasChromium && tally.browser[0] === 0) {
  console.log('  Chromium is installed but the browser suite ran no test: counting that as a failure.');
  failed++;
}
if (CI && skipped.length) {
  console.log('  CI requires the PostgreSQL and browser suites: counting the skips above as failures.');
  failed += skipped.length;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
