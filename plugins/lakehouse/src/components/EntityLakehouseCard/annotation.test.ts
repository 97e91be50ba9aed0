import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  entityNaming,
  entityWithout,
  silverPurchasesEntity,
} from './__testUtils__/tableFixtures';
import { isLakehouseAvailable, LAKEHOUSE_TABLE_ANNOTATION } from './annotation';
import { formatSla } from './formatSla';
import {
  lakehouseEntityCard,
  lakehouseEntityContent,
} from './entityExtensions';

describe('the lakehouse table annotation', () => {
  it('is available only on entities that name a table', () => {
    expect(LAKEHOUSE_TABLE_ANNOTATION).toBe('lakehouse.medallion.dev/table');
    expect(isLakehouseAvailable(silverPurchasesEntity)).toBe(true);
    expect(isLakehouseAvailable(entityWithout)).toBe(false);
    expect(isLakehouseAvailable(entityNaming('  '))).toBe(false);
  });
});

describe('formatSla', () => {
  it('writes thresholds in the largest whole unit', () => {
    expect([45, 120, 300, 3600, 5400, 21_600, 86_400].map(formatSla)).toEqual([
      '45 s',
      '2 min',
      '5 min',
      '1 h',
      '1 h 30 min',
      '6 h',
      '1 d',
    ]);
  });
});

describe('entity extensions (new frontend system)', () => {
  it('install as an entity card and an entity tab of the lakehouse plugin', () => {
    const plugin = createFrontendPlugin({
      pluginId: 'lakehouse',
      extensions: [lakehouseEntityCard, lakehouseEntityContent],
    });
    expect(plugin.getExtension('entity-card:lakehouse/table')).toMatchObject({
      kind: 'entity-card',
      name: 'table',
    });
    expect(plugin.getExtension('entity-content:lakehouse/table')).toMatchObject(
      { kind: 'entity-content', name: 'table' },
    );
  });
});
