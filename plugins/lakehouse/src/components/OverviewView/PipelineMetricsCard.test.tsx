import { act, screen, within } from '@testing-library/react';
import {
  backendDown,
  busyMetrics,
  fakeLakehouseApi,
  quietMetrics,
} from './__testUtils__/fixtures';
import { renderWithApi } from './__testUtils__/renderWithApi';
import { METRICS_POLL_MS, PipelineMetricsCard } from './PipelineMetricsCard';

const metric = (name: string) => within(screen.getByRole('group', { name }));

describe('PipelineMetricsCard', () => {
  afterEach(() => jest.useRealTimers());

  it('shows throughput, lag per partition, commit latency and rejections', async () => {
    const api = fakeLakehouseApi();
    await renderWithApi(<PipelineMetricsCard />, api);

    const card = within(
      await screen.findByRole('region', { name: 'Pipeline metrics' }),
    );
    expect(
      card.getByRole('heading', { name: 'Pipeline metrics' }),
    ).toBeInTheDocument();
    expect(await card.findByText('812.5 events/s')).toBeInTheDocument();
    expect(metric('Silver throughput').getByText('800 events/s')).toBeVisible();
    expect(metric('Consumer lag').getByText('42 records')).toBeVisible();
    const partitions = within(
      screen.getByRole('list', { name: 'Consumer lag by partition' }),
    ).getAllByRole('listitem');
    expect(partitions.map(p => p.textContent)).toEqual([
      'purchases partition 0: 40',
      'purchases partition 1: 2',
    ]);
    expect(
      metric('Commit latency').getByText('p50 121 ms · p99 480 ms'),
    ).toBeVisible();
    expect(metric('Commit latency').getByText(/60 samples/)).toBeVisible();
    expect(metric('Rejected rate').getByText('0.005 %')).toBeVisible();
    expect(
      metric('Rejected rate').getByText(
        '12 rejected · 240,000 accepted rows in silver',
      ),
    ).toBeVisible();
    expect(screen.getByText(/Rates over the last 5 min/)).toBeVisible();
    expect(
      screen.getByRole('img', { name: /^Throughput over the last 5 min/ }),
    ).toHaveAccessibleName(
      'Throughput over the last 5 min (1 sample since the page opened): ' +
        'bronze 812.5 events/s now (range 812.5 events/s to 812.5 events/s); ' +
        'silver 800 events/s now (range 800 events/s to 800 events/s).',
    );
    expect(api.getPipelineMetrics).toHaveBeenCalledTimes(1);
  });

  it('says "not available" with why for null figures, never 0', async () => {
    await renderWithApi(
      <PipelineMetricsCard />,
      fakeLakehouseApi({ getPipelineMetrics: async () => quietMetrics() }),
    );

    await screen.findByRole('group', { name: 'Consumer lag' });
    expect(metric('Consumer lag').getByText('not available')).toBeVisible();
    expect(
      metric('Consumer lag').getByText(/Kafka could not be asked/),
    ).toBeVisible();
    expect(metric('Consumer lag').queryByText(/records$/)).toBeNull();
    expect(metric('Commit latency').getByText('not available')).toBeVisible();
    expect(
      metric('Commit latency').getByText(
        /No bronze commits measured in the last 10 s/,
      ),
    ).toBeVisible();
    expect(metric('Rejected rate').getByText('not available')).toBeVisible();
    expect(
      metric('Rejected rate').getByText(/No rows in silver yet/),
    ).toBeVisible();
    expect(metric('Rejected rate').queryByText('0 %')).toBeNull();
    // A zero rate is a real measurement and is shown as such.
    expect(metric('Bronze throughput').getByText('0 events/s')).toBeVisible();
  });

  it('shows how to start the backend when it is down', async () => {
    await renderWithApi(
      <PipelineMetricsCard />,
      fakeLakehouseApi({
        getPipelineMetrics: () => Promise.reject(backendDown()),
      }),
    );

    expect(
      await screen.findByText('Error: The lakehouse backend is not reachable'),
    ).toBeInTheDocument();
    expect(screen.getByText(/npm start/)).toBeInTheDocument();
  });

  it('polls every 5 s, draws the samples seen and keeps them through a failed poll', async () => {
    jest.useFakeTimers();
    const t0 = Date.now();
    const getPipelineMetrics = jest
      .fn()
      .mockResolvedValueOnce(busyMetrics(t0))
      .mockResolvedValueOnce({
        ...busyMetrics(t0 + METRICS_POLL_MS),
        throughput: { bronzeEventsPerSecond: 400, silverEventsPerSecond: 390 },
      })
      .mockRejectedValue(backendDown());
    await renderWithApi(
      <PipelineMetricsCard />,
      fakeLakehouseApi({ getPipelineMetrics }),
    );
    await screen.findByRole('img', { name: /1 sample since/ });

    await act(async () => {
      jest.advanceTimersByTime(METRICS_POLL_MS);
    });
    expect(
      await screen.findByRole('img', { name: /2 samples since/ }),
    ).toHaveAccessibleName(
      expect.stringContaining(
        'bronze 400 events/s now (range 400 events/s to 812.5 events/s)',
      ),
    );
    expect(metric('Bronze throughput').getByText('400 events/s')).toBeVisible();

    await act(async () => {
      jest.advanceTimersByTime(METRICS_POLL_MS);
    });
    expect(
      await screen.findByText('Error: The lakehouse backend is not reachable'),
    ).toBeInTheDocument();
    expect(metric('Bronze throughput').getByText('400 events/s')).toBeVisible();
    expect(screen.getByRole('img', { name: /2 samples since/ })).toBeVisible();
    expect(getPipelineMetrics).toHaveBeenCalledTimes(3);
  });
});
