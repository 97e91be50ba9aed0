/**
 * The lakehouse page in a real Chromium against the real backend and a running pipeline
 * (npm test runs this after the unit and integration tests; the test Kafka broker is
 * KAFKA_PORT). Each view must show real data; a job triggered from the UI must reach
 * succeeded; every view is screenshotted to e2e/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { collectErrors, launchChromium } from './browser';
import { REPO_ROOT, startStack, type Stack } from './stack';

const SCREENSHOTS = join(REPO_ROOT, 'e2e', 'screenshots');

describe('the lakehouse page in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    stack = await startStack();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    errors = collectErrors(page);
    // The dev app signs in as the local guest by itself (see plugins/lakehouse/dev).
    await page.goto(`${stack.appUrl}/lakehouse`);
    try {
      await page
        .getByText('Medallion lakehouse')
        .first()
        .waitFor({ timeout: 120_000 });
    } catch (error) {
      await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-failed.png') });
      throw new Error(
        `${error}\npage errors: ${errors.join('\n')}\nurl: ${page.url()}`,
      );
    }
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  const openTab = async (name: string) => {
    await page.getByRole('tab', { name }).click();
  };

  it('overview: live metrics, a freshness gauge per table, latest runs', async () => {
    await openTab('Overview');
    // The gauges of silver appear once silver has committed (seconds after start).
    await page
      .getByRole('img', { name: /silver\.purchases freshness: fresh/ })
      .waitFor({ timeout: 120_000 });
    await shot('overview');
    assert.deepEqual(errors, []);
  });
});
