import {
  fireEvent,
  screen,
  waitFor as waitForDefault,
  within,
} from '@testing-library/react';
import {
  noModel,
  noStats,
  statsWithoutLabels,
} from './__testUtils__/anomalyFixtures';
import { downAnomalyApi, fakeAnomalyApi } from './__testUtils__/fakeAnomalyApi';
import { renderAnomalies } from './__testUtils__/renderAnomalies';

// Whole MUI pages render slowly on a busy machine; the default 5 s is too tight.
jest.setTimeout(30_000);
// ...and a re-render of a long table can take longer than waitFor's default 1 s.
const waitFor = (assertion: () => void) =>
  waitForDefault(assertion, { timeout: 10_000 });

const rowTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map(r => [...r.querySelectorAll('th, td')].map(c => c.textContent));

/** A description list as { term: value }. */
const factsOf = (dl: HTMLElement) =>
  Object.fromEntries(
    [...dl.querySelectorAll('dt')].map(dt => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]),
  );

const region = (name: string) => screen.getByRole('region', { name });

describe('AnomaliesView overview', () => {
  it('shows the current model and the models before it', async () => {
    const api = fakeAnomalyApi();
    await renderAnomalies(api);
    expect(api.getAnomalyModel).toHaveBeenCalledWith();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Anomaly model' }),
    ).toBeInTheDocument();
    const facts = factsOf(screen.getByLabelText('Current anomaly model'));
    expect(facts.Version).toBe('v3');
    expect(facts['Training window']).toMatch(/ – .*\(48,213 rows\)$/);
    expect(facts.Threshold).toBe('0.600 (higher scores are flagged)');
    expect(facts.AUC).toBe('0.941');
    expect(facts['Precision@k']).toBe('81.1% at k = 1,929');
    expect(facts['Flagged rate']).toBe('4.1% of the training rows');
    expect(facts['Training time']).toBe('3.8 s');
    expect(facts.Parameters).toBe(
      'n_estimators 100, max_samples 256, max_features 1, contamination auto, seed 42',
    );
    const model = within(region('Anomaly model'));
    const history = rowTexts(
      model.getByRole('table', { name: 'Model history' }),
    );
    expect(history.map(r => [r[0], r[2]])).toEqual([
      ['Version', 'AUC'],
      ['v3 (current)', '0.941'],
      ['v2', '0.918'],
      ['v1', '—'],
    ]);
  });

  it('says how a first model comes about', async () => {
    await renderAnomalies(
      fakeAnomalyApi({ getAnomalyModel: async () => noModel }),
    );
    const model = within(region('Anomaly model'));
    expect(model.getByText('No anomaly model yet')).toBeInTheDocument();
    expect(
      model.getByText(
        /The scoring job trains one once silver holds enough purchases, or run 'Train anomaly model' from the/,
      ),
    ).toBeInTheDocument();
    expect(model.getByRole('link', { name: 'Jobs tab' })).toHaveAttribute(
      'href',
      '/lakehouse/jobs',
    );
  });

  it('draws the score histogram with its threshold, legend and summary', async () => {
    const api = fakeAnomalyApi();
    await renderAnomalies(api);
    expect(api.getAnomalyStats).toHaveBeenCalledWith({
      since: undefined,
      bins: 20,
    });
    const chart = screen.getByRole('img', { name: 'Anomaly score histogram' });
    expect(chart).toHaveAccessibleDescription(
      "11,806 purchases scored, 1,001 flagged purchases (8.5%): score above the threshold 0.600. 467 purchases carry the producer's anomaly label.",
    );
    expect(chart.querySelectorAll('[data-bin]')).toHaveLength(20);
    expect(
      chart.querySelector('[data-bin="0.7-0.75"] title')!.textContent,
    ).toBe(
      'scores 0.700–0.750: 38 unlabelled purchases, 121 labelled purchases',
    );
    expect(within(chart).getByText('threshold 0.600')).toBeInTheDocument();
    expect(
      within(chart).getByText('Anomaly score (higher is more anomalous)'),
    ).toBeInTheDocument();
    expect(
      within(chart).getByText('Purchases (square-root scale)'),
    ).toBeInTheDocument();
    const legend = within(
      screen.getByRole('list', { name: 'Histogram legend' }),
    );
    expect(legend.getAllByRole('listitem').map(i => i.textContent)).toEqual([
      'unlabelled (solid): 11,339 purchases',
      'labelled by the producer (hatched): 467 purchases',
      'threshold (dashed line): 0.600',
    ]);
  });

  it('lists the quality per pattern, overall first', async () => {
    await renderAnomalies(fakeAnomalyApi());
    const quality = within(region('Detection quality'));
    expect(
      quality.getByText(/labels are the producer's ground truth/),
    ).toBeInTheDocument();
    const rows = rowTexts(
      quality.getByRole('table', { name: 'Detection quality per pattern' }),
    );
    expect(rows.slice(0, 3)).toEqual([
      ['Pattern', 'Labelled', 'Detected', 'Recall', 'AUC'],
      ['all patterns (overall)', '467', '419', '89.7%', '0.962'],
      ['amount_spike', '112', '109', '97.3%', '0.991'],
    ]);
    expect(
      quality.getByText(
        'Precision@k (k = the number of labelled purchases): 86.5% at k = 467',
      ),
    ).toBeInTheDocument();
  });

  it('says "not available" with the reason when there are no labels', async () => {
    await renderAnomalies(
      fakeAnomalyApi({ getAnomalyStats: async () => statsWithoutLabels }),
    );
    const quality = within(region('Detection quality'));
    const rows = rowTexts(
      quality.getByRole('table', { name: 'Detection quality per pattern' }),
    );
    expect(rows[1]).toEqual([
      'all patterns (overall)',
      '0',
      '0',
      'not available (no labelled purchases)',
      'not available (no labelled purchases)',
    ]);
    expect(
      quality.getByText(
        /not available \(no labelled purchases in this window\)$/,
      ),
    ).toBeInTheDocument();
  });

  it('asks the figures and the list for the chosen window', async () => {
    const api = fakeAnomalyApi();
    await renderAnomalies(api);
    const before = Date.now();
    fireEvent.change(screen.getByRole('combobox', { name: 'Since' }), {
      target: { value: 'hour' },
    });
    await waitFor(() =>
      expect(api.getAnomalyStats).toHaveBeenLastCalledWith({
        since: expect.any(String),
        bins: 20,
      }),
    );
    const statsSince = Date.parse(
      api.getAnomalyStats.mock.lastCall![0]!.since!,
    );
    expect(statsSince).toBeGreaterThanOrEqual(before - 3_600_000);
    expect(statsSince).toBeLessThanOrEqual(Date.now() - 3_600_000);
    await waitFor(() =>
      expect(api.listAnomalies.mock.lastCall![0]!.since).toBeDefined(),
    );
    const listSince = Date.parse(api.listAnomalies.mock.lastCall![0]!.since!);
    expect(listSince).toBeGreaterThanOrEqual(before - 3_600_000);
    expect(listSince).toBeLessThanOrEqual(Date.now() - 3_600_000);
  });

  it('says when nothing has been scored', async () => {
    await renderAnomalies(
      fakeAnomalyApi({ getAnomalyStats: async () => noStats }),
    );
    expect(
      within(region('Score distribution')).getByText('No purchases scored yet'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('img', { name: 'Anomaly score histogram' }),
    ).toBeNull();
  });

  it('explains how to start the backend when it is down', async () => {
    await renderAnomalies(downAnomalyApi());
    for (const name of [
      'Anomaly model',
      'Score distribution',
      'Detection quality',
      'Flagged purchases',
    ])
      expect(
        await within(region(name)).findByText(
          /The lakehouse backend is not reachable$/,
        ),
      ).toBeInTheDocument();
    expect(screen.getAllByText(/npm start/)).toHaveLength(4);
  });
});
