import { fireEvent, screen, within } from '@testing-library/react';
import { AMOUNT_SPIKE_ID, NORMAL_ID } from './__testUtils__/anomalyFixtures';
import { downAnomalyApi, fakeAnomalyApi } from './__testUtils__/fakeAnomalyApi';
import { renderAnomalies } from './__testUtils__/renderAnomalies';

// Whole MUI pages render slowly on a busy machine; the default 5 s is too tight.
jest.setTimeout(30_000);

const SPIKE = `/lakehouse/anomalies/${AMOUNT_SPIKE_ID}`;

const factsOf = (dl: HTMLElement) =>
  Object.fromEntries(
    [...dl.querySelectorAll('dt')].map(dt => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]),
  );

describe('AnomaliesView drill-down', () => {
  it('opens from the list and links back', async () => {
    const api = fakeAnomalyApi();
    await renderAnomalies(api);
    fireEvent.click(
      screen.getByRole('link', { name: `purchase ${AMOUNT_SPIKE_ID}` }),
    );
    expect(
      await screen.findByRole('heading', {
        level: 2,
        name: `Purchase ${AMOUNT_SPIKE_ID}`,
      }),
    ).toBeInTheDocument();
    expect(api.getAnomaly).toHaveBeenCalledWith(AMOUNT_SPIKE_ID);
    expect(
      screen.getByRole('link', { name: '← All anomalies' }),
    ).toHaveAttribute('href', '/lakehouse/anomalies');
  });

  it('shows the score against the threshold, the label and why', async () => {
    await renderAnomalies(fakeAnomalyApi(), SPIKE);
    expect(
      screen.getByText(
        'Flagged mainly for price_ratio_log (3.2 vs typical 0.0) and amount_eur_log (7.9 vs typical 3.6).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Score 0.781 against the threshold 0.600: flagged',
      }),
    ).toBeInTheDocument();
    const facts = factsOf(screen.getByLabelText('About this purchase'));
    expect(facts.Score).toBe('0.781, 0.181 above the threshold 0.600');
    expect(facts.Decision).toBe('▲ flagged');
    expect(facts.Label).toBe('amount_spike (incident inc-42-311)');
    expect(facts.Customer).toBe('C00412 (member, DE)');
    expect(facts.Product).toBe('P00146 (electronics)');
    expect(facts.Amount).toBe('2,825.74 EUR');
    expect(facts.Model).toMatch(/^v3, scored /);
  });

  it('lists the features by contribution with their typical values', async () => {
    await renderAnomalies(fakeAnomalyApi(), SPIKE);
    const table = screen.getByRole('table', { name: 'Feature contributions' });
    const rows = within(table)
      .getAllByRole('row')
      .map(r => [...r.querySelectorAll('th, td')].map(c => c.textContent));
    expect(rows[0]).toEqual([
      'Feature',
      'Description',
      'Value',
      'Typical (training median)',
      'Contribution',
    ]);
    expect(rows.slice(1).map(r => [r[0], r[2], r[3], r[4]])).toEqual([
      ['price_ratio_log', '3.2', '0.0', '46.0%'],
      ['amount_eur_log', '7.9', '3.6', '27.0%'],
      ['quantity_log', '0.7', '0.7', '8.0%'],
      ['local_hour', '11.0', '14.0', '6.0%'],
      ['orders_last_10m', '0.0', '0.0', '5.0%'],
      ['is_member', '1.0', '0.0', '4.0%'],
      ['country_mismatch', '0.0', '0.0', '2.0%'],
      ['small_orders_last_10m', '0.0', '0.0', '2.0%'],
    ]);
  });

  it('explains a purchase that was not flagged', async () => {
    await renderAnomalies(
      fakeAnomalyApi(),
      `/lakehouse/anomalies/${NORMAL_ID}`,
    );
    expect(
      screen.getByText(
        /^Not flagged: the score 0.431 is below the threshold 0.600;/,
      ),
    ).toBeInTheDocument();
    expect(factsOf(screen.getByLabelText('About this purchase')).Label).toBe(
      'none: the producer did not inject this purchase',
    );
  });

  it('says when the purchase has not been scored', async () => {
    await renderAnomalies(
      fakeAnomalyApi(),
      '/lakehouse/anomalies/not-a-purchase',
    );
    expect(
      await screen.findByText('Purchase not-a-purchase has not been scored'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: '← All anomalies' })[0],
    ).toHaveAttribute('href', '/lakehouse/anomalies');
  });

  it('explains how to start the backend when it is down', async () => {
    await renderAnomalies(downAnomalyApi(), SPIKE);
    expect(
      await screen.findByText(/The lakehouse backend is not reachable$/),
    ).toBeInTheDocument();
    expect(screen.getByText(/npm start/)).toBeInTheDocument();
  });
});
