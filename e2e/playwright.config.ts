import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium.js';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  // Software WebGL renders 1–2 frames a second: one worker, generous per-test time.
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 120_000 },
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    // The trace's screencast costs a page drawn in software a quarter of its load time (globe
    // spec: 43 s, 33 s without); the action log and DOM snapshots stay, and a failure keeps its last screen.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
  },
});
