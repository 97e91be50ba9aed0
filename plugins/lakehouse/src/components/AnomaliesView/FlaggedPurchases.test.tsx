import {
  fireEvent,
  screen,
  waitFor as waitForDefault,
  within,
} from '@testing-library/react';
import {
  AMOUNT_SPIKE_ID,
  flaggedPurchases,
  NORMAL_ID,
} from './__testUtils__/anomalyFixtures';
import { fakeAnomalyApi } from './__testUtils__/fakeAnomalyApi';
import { renderAnomalies } from './__testUtils__/renderAnomalies';

// Whole MUI pages render slowly on a busy machine; the default 5 s is too tight.
jest.setTimeout(30_000);
// ...and a re-render of a long table can take longer than waitFor's default 1 s.
const waitFor = (assertion: () => void) =>
  waitForDefault(assertion, { timeout: 10_000 });

const table = () => screen.getByRole('table', { name: 'Scored purchases' });
const purchaseLinks = () =>
  within(table())
    .getAllByRole('link')
    .map(l => l.getAttribute('aria-label'));
const lastQuery = (api: ReturnType<typeof fakeAnomalyApi>) =>
  api.listAnomalies.mock.lastCall![0]!;

describe('AnomaliesView flagged purchases', () => {
  it('lists the flagged purchases, newest first, each linking to its drill-down', async () => {
    const api = fakeAnomalyApi();
    await renderAnomalies(api);
    expect(api.listAnomalies).toHaveBeenCalledWith({
      since: undefined,
      minScore: undefined,
      pattern: undefined,
      decision: 'anomaly',
      limit: 50,
    });
    const rows = within(table()).getAllByRole('row');
    expect(rows).toHaveLength(6); // header + 5 flagged
    expect(
      [...rows[1]!.querySelectorAll('td')].map(c => c.textContent),
    ).toEqual([
      'C00412member, DE',
      'P00146electronics',
      '2,825.74 EUR',
      '0.781',
      '▲ flagged',
      'price_ratio_logamount_eur_logquantity_log',
      'amount_spike',
    ]);
    expect(
      within(rows[3]!).getByText('member, DE → order BR'),
    ).toBeInTheDocument();
    expect(rows[4]!.lastElementChild!.textContent).toBe('—');
    expect(
      screen.getByRole('link', { name: `purchase ${AMOUNT_SPIKE_ID}` }),
    ).toHaveAttribute('href', `/lakehouse/anomalies/${AMOUNT_SPIKE_ID}`);
    expect(screen.getByText('5 purchases shown')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Load more purchases' }),
    ).toBeNull();
  });

  it('passes min score, pattern and decision to the API', async () => {
    const api = fakeAnomalyApi();
    await renderAnomalies(api);

    fireEvent.change(screen.getByRole('spinbutton', { name: 'Min score' }), {
      target: { value: '0.7' },
    });
    await waitFor(() => expect(lastQuery(api).minScore).toBe(0.7));
    await waitFor(() => expect(purchaseLinks()).toHaveLength(2));

    fireEvent.change(screen.getByRole('combobox', { name: 'Pattern' }), {
      target: { value: 'card_testing' },
    });
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        since: undefined,
        minScore: 0.7,
        pattern: 'card_testing',
        decision: 'anomaly',
        limit: 50,
      }),
    );
    await waitFor(() => expect(purchaseLinks()).toHaveLength(1));

    fireEvent.change(screen.getByRole('spinbutton', { name: 'Min score' }), {
      target: { value: '' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Pattern' }), {
      target: { value: 'unlabelled' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Decision' }), {
      target: { value: 'all' },
    });
    await waitFor(() =>
      expect(lastQuery(api)).toEqual({
        since: undefined,
        minScore: undefined,
        pattern: 'unlabelled',
        decision: 'all',
        limit: 50,
      }),
    );
    await waitFor(() =>
      expect(
        screen.getByRole('link', { name: `purchase ${NORMAL_ID}` }),
      ).toBeInTheDocument(),
    );
    expect(within(table()).getByText('● normal')).toBeInTheDocument();
  });

  it('keeps an invalid min score out of the query', async () => {
    const api = fakeAnomalyApi();
    await renderAnomalies(api);
    const calls = api.listAnomalies.mock.calls.length;
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Min score' }), {
      target: { value: '1.5' },
    });
    expect(screen.getByText('A score from 0 to 1')).toBeInTheDocument();
    expect(api.listAnomalies.mock.calls.length).toBe(calls);
    expect(lastQuery(api).minScore).toBeUndefined();
  });

  it('says when no purchase matches the filters', async () => {
    await renderAnomalies(
      fakeAnomalyApi(),
      '/lakehouse/anomalies?pattern=odd_hour',
    );
    expect(
      await screen.findByText('No scored purchases match these filters'),
    ).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Pattern' })).toHaveValue(
      'odd_hour',
    );
  });

  it('loads older purchases with the cursor', async () => {
    const api = fakeAnomalyApi({}, { purchases: flaggedPurchases(60) });
    await renderAnomalies(api);
    expect(purchaseLinks()).toHaveLength(50);
    expect(
      screen.getByText('50 purchases shown; older purchases exist'),
    ).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'Load more purchases' }),
    );
    await waitFor(() => expect(purchaseLinks()).toHaveLength(60));
    // The view's polling may refresh the first page afterwards: look for the older page's call.
    expect(api.listAnomalies.mock.calls.map(c => c[0])).toContainEqual({
      since: undefined,
      minScore: undefined,
      pattern: undefined,
      decision: 'anomaly',
      limit: 50,
      cursor: btoa('50'),
    });
    expect(purchaseLinks()[59]).toBe(
      'purchase 00000000-0000-4000-8000-000000000059',
    );
    expect(screen.getByText('60 purchases shown')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Load more purchases' }),
    ).toBeNull();
  });
});
