import type { GeneratorOptions } from './generator';
import { localRecordSource, workerRecordSource } from './recordSource';

const options: GeneratorOptions = {
  seed: 'sources',
  schemaVersion: 2,
  rate: 500,
  startMs: Date.parse('2026-11-27T12:00:00Z'),
  anomalyRate: 0.05,
  malformedRate: 0.05,
};

describe('record sources', () => {
  it('yield the same records in a worker thread as on this thread, in order', async () => {
    const local = localRecordSource(options);
    const worker = workerRecordSource(options);
    try {
      // Overlapping requests are served in order.
      const fromWorker = await Promise.all([
        worker.next(700),
        worker.next(300),
        worker.next(1000),
      ]);
      const fromLocal = [
        await local.next(700),
        await local.next(300),
        await local.next(1000),
      ];
      expect(fromWorker).toEqual(fromLocal);
      const all = fromLocal.flatMap(c => c.tsMs);
      expect(all.every((t, i) => i === 0 || t >= all[i - 1]!)).toBe(true);
      expect(
        fromLocal.flatMap(c => c.labels).filter(Boolean).length,
      ).toBeGreaterThan(20);
      expect(
        fromLocal.flatMap(c => c.malformed).filter(Boolean).length,
      ).toBeGreaterThan(20);
    } finally {
      await Promise.all([local.close(), worker.close()]);
    }
  });

  it('reports a worker that cannot start instead of hanging', async () => {
    const broken = workerRecordSource({ ...options, rate: -1 });
    await expect(broken.next(10)).rejects.toThrow(/rate must be positive/);
    await broken.close();
  });
});
