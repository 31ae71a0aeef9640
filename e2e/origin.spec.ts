import { expect, test } from './fixtures/test.js';

/*
 * No request leaves the server: the shared fixture (fixtures/test.ts) records every context of
 * every test that uses it and fails the test on a request to another origin, and at the end of
 * the worker proves the recording complete against the server's access log. Here: the check
 * catches what it is there to catch.
 */
const FOREIGN = ['http://example.invalid/from-page', 'http://example.invalid/from-worker'];

test.describe('no request leaves the server', () => {
  test.use({ expectedForeignRequests: FOREIGN });

  test('the check catches a foreign request from the page and from a worker', async ({ browser, server, requests }) => {
    // Without the CSP the browser really tries both (.invalid never resolves): the recorder, not the policy, must see them.
    const context = await browser.newContext({ bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/readyz`);
      await page.evaluate(() => {
        void fetch('http://example.invalid/from-page').catch(() => undefined);
        const source = "fetch('http://example.invalid/from-worker').catch(() => undefined);";
        new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      });
      await expect.poll(() => requests.foreign().sort()).toEqual(FOREIGN);
    } finally {
      await context.close();
    }
  });
});
