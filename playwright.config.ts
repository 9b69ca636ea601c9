import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in the Chromium from Debian (/usr/bin/chromium), against a fresh server on an
 * in-memory database with the demo data. Set E2E_BASE_URL to test an already running server instead,
 * or E2E_PORT to start the server on another port (default 3210) so two runs can coexist.
 */
const external = process.env.E2E_BASE_URL;
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = external ?? `http://127.0.0.1:${port}`;
/** The demo administrator's session, saved by auth.setup.ts for every other spec. */
export const ADMIN_STATE = `test-results/.auth/admin-${port}.json`;

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    // The app turns antd's animations off for people who ask for less motion; the tests ask, so a click never
    // lands on a dropdown that is still sliding in or out.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /\.setup\.ts$/ },
    { name: 'chromium', dependencies: ['setup'], use: { storageState: ADMIN_STATE } },
  ],
  webServer: external
    ? undefined
    : {
        command: `node bin/parklink.mjs serve --port ${port} --build-if-missing`,
        env: { PARKLINK_DATA_DIR: 'memory://' },
        url: `http://127.0.0.1:${port}/api/health`,
        reuseExistingServer: false,
        timeout: 360_000, // the calibrated demo city takes a while to seed
        stdout: 'pipe',
        stderr: 'pipe',
      },
});
