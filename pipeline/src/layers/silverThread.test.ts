import { loadTable } from '../iceberg/table';
import { scanRows } from '../iceberg/tableScan';
import {
  createTestCatalog,
  type TestCatalog,
} from '../iceberg/__testUtils__/localCatalog';
import { appendToBronze, generateRecords } from './__testUtils__/bronzeRecords';
import { SILVER_PURCHASES, SILVER_REJECTED } from './silverRows';
import type { SilverRunResult } from './silverProcessor';
import { SilverThread } from './silverThread';

let t: TestCatalog;
beforeEach(async () => {
  t = await createTestCatalog();
});
afterEach(() => t.cleanup());

const toBronze = (seed: string, count: number, firstOffset: number) =>
  appendToBronze(t.catalog, generateRecords(seed, count, 1, 0), firstOffset);

describe('silver thread', () => {
  it('follows bronze on a worker thread when woken, and catches up on stop', async () => {
    const runs: SilverRunResult[] = [];
    const errors: Error[] = [];
    const thread = new SilverThread({
      lakehouse: {
        home: t.dir,
        warehouse: t.warehouse,
        catalogUri: `sqlite:${t.catalogPath}`,
        catalogName: 'medallion',
        platform: 'local',
        catalog: 'sql',
        queryEngine: { type: 'duckdb' },
      },
      intervalMs: 60_000, // only wake() and stop() make it run
      onRun: r => runs.push(r),
      onError: e => errors.push(e),
    });
    await toBronze('a', 300, 0);
    thread.start();
    thread.wake();
    // The woken run absorbs the first 300.
    for (let i = 0; i < 200 && !runs.some(r => r.read > 0); i++)
      await new Promise(r => setTimeout(r, 50));
    expect(runs.reduce((n, r) => n + r.read, 0)).toBe(300);
    await toBronze('b', 200, 300);
    await thread.stop(); // the final run takes the rest
    expect(errors).toEqual([]);
    const silver = await scanRows(await loadTable(t.catalog, SILVER_PURCHASES));
    const rejected = await scanRows(
      await loadTable(t.catalog, SILVER_REJECTED),
    );
    expect(silver.length + rejected.length).toBe(500);
    expect(runs.reduce((n, r) => n + r.accepted + r.rejected, 0)).toBe(500);
  });
});
