import type { TableSummary } from '@medallion/plugin-lakehouse-common';
import {
  computeFreshness,
  freshnessStatus,
  slaFor,
  type FreshnessSlas,
} from './freshness';

const NOW = new Date('2025-03-01T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

const summary = (
  id: string,
  layer: TableSummary['layer'],
  lastCommitAt: string | null,
): TableSummary => {
  const [namespace, name] = id.split('.') as [string, string];
  return {
    id,
    namespace,
    name,
    layer,
    description: null,
    location: `file:///wh/${namespace}/${name}`,
    formatVersion: 2,
    currentSnapshotId: lastCommitAt ? '1' : null,
    rows: 0,
    files: 0,
    sizeBytes: 0,
    snapshots: lastCommitAt ? 1 : 0,
    lastCommitAt,
    lastOperation: lastCommitAt ? 'append' : null,
  };
};

const slas: FreshnessSlas = {
  default: { warnAfterSeconds: 3600, errorAfterSeconds: 86400 },
  byLayer: { bronze: { warnAfterSeconds: 60, errorAfterSeconds: 300 } },
  byTable: {
    'bronze.purchase_labels': {
      warnAfterSeconds: 600,
      errorAfterSeconds: 1200,
    },
  },
};

describe('slaFor', () => {
  it('takes the table’s own SLA, else its layer’s, else the default', () => {
    expect(
      slaFor({ id: 'bronze.purchase_labels', layer: 'bronze' }, slas),
    ).toBe(slas.byTable['bronze.purchase_labels']);
    expect(slaFor({ id: 'bronze.purchases_raw', layer: 'bronze' }, slas)).toBe(
      slas.byLayer.bronze,
    );
    expect(slaFor({ id: 'silver.purchases', layer: 'silver' }, slas)).toBe(
      slas.default,
    );
    // Names of Object.prototype members are not SLAs.
    expect(slaFor({ id: 'constructor', layer: 'other' }, slas)).toBe(
      slas.default,
    );
  });
});

describe('freshnessStatus', () => {
  const sla = { warnAfterSeconds: 60, errorAfterSeconds: 300 };
  it.each([
    [0, 'fresh'],
    [60_000, 'fresh'],
    [60_001, 'warn'],
    [300_000, 'warn'],
    [300_001, 'error'],
    [null, 'unknown'],
  ] as const)('age %p ms is %s', (ageMs, status) => {
    expect(freshnessStatus(ageMs, sla)).toBe(status);
  });

  it('says error when past the error threshold even if warn is set later', () => {
    expect(
      freshnessStatus(100_000, {
        warnAfterSeconds: 500,
        errorAfterSeconds: 90,
      }),
    ).toBe('error');
  });
});

describe('computeFreshness', () => {
  it('reports age, SLA and status per table, in the order given', () => {
    const result = computeFreshness(
      [
        summary('bronze.purchases_raw', 'bronze', ago(60_000)),
        summary('bronze.purchase_labels', 'bronze', ago(60_001)),
        summary('silver.purchases', 'silver', ago(3_600_001)),
        summary('gold.daily', 'gold', ago(86_400_001)),
        summary('gold.empty', 'gold', null),
      ],
      slas,
      NOW,
    );
    expect(result.checkedAt).toBe('2025-03-01T12:00:00.000Z');
    expect(result.tables).toEqual([
      {
        table: 'bronze.purchases_raw',
        layer: 'bronze',
        lastCommitAt: ago(60_000),
        ageSeconds: 60,
        sla: { warnAfterSeconds: 60, errorAfterSeconds: 300 },
        status: 'fresh',
      },
      {
        table: 'bronze.purchase_labels',
        layer: 'bronze',
        lastCommitAt: ago(60_001),
        ageSeconds: 60.001,
        sla: { warnAfterSeconds: 600, errorAfterSeconds: 1200 },
        status: 'fresh',
      },
      expect.objectContaining({
        table: 'silver.purchases',
        ageSeconds: 3600.001,
        status: 'warn',
      }),
      expect.objectContaining({ table: 'gold.daily', status: 'error' }),
      {
        table: 'gold.empty',
        layer: 'gold',
        lastCommitAt: null,
        ageSeconds: null,
        sla: { warnAfterSeconds: 3600, errorAfterSeconds: 86400 },
        status: 'unknown',
      },
    ]);
  });

  it('counts a commit stamped after now (clock skew) as age 0', () => {
    const [entry] = computeFreshness(
      [summary('silver.purchases', 'silver', ago(-5_000))],
      slas,
      NOW,
    ).tables;
    expect(entry).toMatchObject({ ageSeconds: 0, status: 'fresh' });
  });
});
