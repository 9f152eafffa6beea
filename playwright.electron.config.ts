import { defineConfig } from '@playwright/test';

/** The Electron smoke test: runs where Electron's binary is installed, skips with a reason elsewhere. */
export default defineConfig({
  testDir: 'test/electron',
  outputDir: 'test-results/electron',
  timeout: 90_000,
  workers: 1,
  reporter: [['list']],
});
