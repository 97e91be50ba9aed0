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
import { FEATURES } from '../pipeline/src/scoring/features';
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

  /** Runs a step; on failure saves what the page showed before failing the test. */
  const step = async (name: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      await shot(`${name}-failed`).catch(() => undefined);
      throw error;
    }
  };

  /**
   * Starts a job from its card's "Run now" dialog and waits on the run page until it
   * succeeded. While a scheduled run of the job is active the backend answers 409 and the
   * dialog says so: start again once that run has ended.
   */
  const runJobFromUi = async (
    title: string,
    name: string,
    timeoutMs: number,
  ) => {
    await page.getByRole('button', { name: `Run now: ${title}` }).click();
    const dialog = page.getByRole('dialog', { name: `Run ${title}` });
    await dialog.getByRole('button', { name: 'Start run' }).click();
    const retryUntil = Date.now() + timeoutMs;
    while (!/\/jobs\/runs\//.test(page.url()) && Date.now() < retryUntil) {
      await page.waitForTimeout(1000);
      if (await dialog.isVisible())
        await dialog.getByRole('button', { name: 'Start run' }).click();
    }
    // A scheduled run of the job was active (409, shown in the dialog) and the test
    // started again, as a user would: those answers are expected, not errors.
    const conflict = /^HTTP 409 POST \S+\/api\/lakehouse\/jobs\/[a-z]+\/runs$/;
    for (let i = errors.length - 1; i >= 0; i--)
      if (conflict.test(errors[i]!)) errors.splice(i, 1);
    await step(name, async () => {
      await page
        .getByRole('heading', { name: /^Run [0-9a-f-]{36}$/ })
        .waitFor();
      await page
        .getByLabel('status: succeeded')
        .first()
        .waitFor({ timeout: timeoutMs });
    });
  };

  const openTab = async (name: string) => {
    await page.getByRole('tab', { name }).click();
  };

  it('overview: live metrics, a freshness gauge per table, latest runs', async () => {
    await openTab('Overview');
    // silver's gauge turns up once silver has committed (seconds after the start).
    await page
      .getByRole('img', { name: /^silver\.purchases freshness: fresh/ })
      .waitFor({ timeout: 120_000 });
    await page
      .getByRole('img', { name: /^bronze\.purchases_raw freshness: fresh/ })
      .waitFor();
    const metrics = page.getByRole('region', { name: 'Pipeline metrics' });
    await metrics
      .getByText(/events\/s/)
      .first()
      .waitFor();
    const runs = page.getByRole('table', { name: 'Latest job runs' });
    await runs
      .getByRole('link', { name: /^bronze run / })
      .first()
      .waitFor();
    await shot('overview');
    assert.deepEqual(errors, []);
  });

  it('catalog: tables by namespace, a table with schema, history, timeline and preview', async () => {
    await openTab('Catalog');
    await page.getByRole('table', { name: 'Tables in silver' }).waitFor();
    await shot('catalog');
    await page
      .getByRole('link', { name: 'silver.purchases', exact: true })
      .click();
    await page.getByRole('heading', { name: 'silver.purchases' }).waitFor();
    const fields = page.getByRole('table', {
      name: 'Fields of silver.purchases',
    });
    await fields.getByText('event_id', { exact: true }).waitFor();
    await page.getByRole('list', { name: 'Schema versions' }).waitFor();
    await page
      .getByRole('img', {
        name: 'Rows and files added per commit to silver.purchases',
      })
      .waitFor();
    const preview = page.getByRole('table', {
      name: 'Rows of silver.purchases',
    });
    await preview.locator('tbody tr').first().waitFor();
    assert.ok((await preview.locator('tbody tr').count()) > 0);
    await shot('catalog-table');
    assert.deepEqual(errors, []);
  });

  it('lineage: the DAG from the topic to gold, coloured by freshness and linked', async () => {
    await openTab('Lineage');
    const graph = page.getByRole('group', { name: 'Lineage graph' });
    await graph.waitFor();
    await graph
      .getByRole('link', { name: /^silver\.purchases: table, freshness fresh/ })
      .waitFor({ timeout: 60_000 });
    await graph.getByRole('link', { name: /^bronze ingester: job/ }).waitFor();
    await shot('lineage');
    // Keyboard: a focused table node opens the table in the catalog with Enter.
    await graph
      .getByRole('link', { name: /^silver\.purchases: table/ })
      .focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'silver.purchases' }).waitFor();
    assert.deepEqual(errors, []);
  });

  it('jobs: a silver run triggered from the UI reaches succeeded', async () => {
    await openTab('Jobs');
    const silver = page.getByRole('region', {
      name: 'Silver processor',
      exact: true,
    });
    await silver.waitFor();
    await shot('jobs');
    await runJobFromUi('Silver processor', 'jobs-run', 60_000);
    await step('jobs-run', async () => {
      // The dev app calls with the local static token: the run names that caller.
      await page.getByText('service (e2e)', { exact: true }).waitFor();
    });
    await shot('jobs-run');
    assert.deepEqual(errors, []);
  });

  it('dbt docs and profitability: gold built from the UI, its models, tests and margins', async () => {
    await openTab('Jobs');
    await runJobFromUi('Gold build (dbt)', 'gold-run', 150_000);

    await openTab('dbt');
    await step('dbt', async () => {
      const models = page.getByRole('table', { name: 'dbt models' });
      await models
        .getByRole('link', { name: 'fct_purchases', exact: true })
        .waitFor();
      await page.getByRole('table', { name: 'Latest dbt runs' }).waitFor();
    });
    await shot('dbt');
    await page
      .getByRole('table', { name: 'dbt models' })
      .getByRole('link', { name: 'fct_purchases', exact: true })
      .click();
    await step('dbt-model', async () => {
      await page
        .getByRole('table', { name: 'Columns of fct_purchases' })
        .waitFor();
      await page
        .getByRole('table', { name: 'Test history of fct_purchases' })
        .waitFor();
      await page
        .getByRole('region', { name: 'Compiled SQL of fct_purchases' })
        .waitFor();
    });
    await shot('dbt-model');

    await openTab('Profitability');
    await step('profitability', async () => {
      await page
        .getByRole('img', { name: /^Margin against revenue per product/ })
        .waitFor();
      const top = page.getByRole('table', { name: 'Top products by revenue' });
      await top.locator('tbody tr').first().waitFor();
    });
    await shot('profitability');

    // dbt's model graph now shows in the lineage, each model job linked to gold's runs.
    await openTab('Lineage');
    await step('lineage-dbt', async () => {
      await page
        .getByRole('group', { name: 'Lineage graph' })
        .getByRole('link', { name: /^dbt fct_purchases: job/ })
        .waitFor({ timeout: 30_000 });
    });
    await shot('lineage-dbt');
    assert.deepEqual(errors, []);
  });

  it('anomalies: a model trained from the UI, the score histogram, quality per pattern and a flagged purchase explained', async () => {
    // The scoring job trained the first model by itself; retrain one from the UI.
    await openTab('Jobs');
    await runJobFromUi('Train anomaly model', 'training-run', 120_000);

    await openTab('Anomalies');
    await step('anomalies', async () => {
      await page.getByLabel('Current anomaly model').waitFor();
      await page
        .getByRole('img', { name: 'Anomaly score histogram' })
        .waitFor();
      const quality = page.getByRole('table', {
        name: 'Detection quality per pattern',
      });
      await quality.getByText('all patterns (overall)').waitFor();
      const flagged = page.getByRole('table', { name: 'Scored purchases' });
      await flagged
        .getByRole('link', { name: /^purchase [0-9a-f-]{36}$/ })
        .first()
        .waitFor({ timeout: 60_000 });
    });
    await shot('anomalies');

    await page
      .getByRole('table', { name: 'Scored purchases' })
      .getByRole('link', { name: /^purchase [0-9a-f-]{36}$/ })
      .first()
      .click();
    await step('anomaly-detail', async () => {
      await page
        .getByRole('heading', { name: /^Purchase [0-9a-f-]{36}$/ })
        .waitFor();
      await page.getByRole('heading', { name: 'Why' }).waitFor();
      const features = page.getByRole('table', {
        name: 'Feature contributions',
      });
      await features.locator('tbody tr').first().waitFor();
      assert.equal(await features.locator('tbody tr').count(), FEATURES.length);
    });
    await shot('anomaly-detail');
    assert.deepEqual(errors, []);
  });
});
