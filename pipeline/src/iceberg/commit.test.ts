import { writeFileSync } from 'node:fs';
import { parseIdentifier } from './catalog/catalog';
import { CommitValidationError, commitTable } from './commit';
import { toLocalPath } from './io/localFileIO';
import { MetadataError } from './metadata';
import { createTable, loadTable } from './table';
import { updateProperties } from './updateProperties';
import {
  createTestCatalog,
  simpleSchema,
  type TestCatalog,
} from './__testUtils__/localCatalog';

let t: TestCatalog;
const id = parseIdentifier('ns.t');
beforeEach(async () => {
  t = await createTestCatalog();
  await t.catalog.createNamespace(['ns']);
});
afterEach(async () => {
  await t.cleanup();
});

describe('the commit path', () => {
  it('writes numbered metadata files and keeps the metadata log', async () => {
    let table = await createTable(t.catalog, id, { schema: simpleSchema() });
    const first = table.metadataLocation;
    table = await updateProperties(table, { set: { a: '1' } });
    table = await updateProperties(table, { set: { b: '2' }, remove: ['a'] });
    expect(table.metadataLocation).toMatch(/\/00002-[^/]+\.metadata\.json$/);
    expect(table.metadata.properties).toEqual({ b: '2' });
    expect(table.metadata['metadata-log'].map(e => e['metadata-file'])[0]).toBe(
      first,
    );
    expect(table.metadata['metadata-log']).toHaveLength(2);
    expect((await loadTable(t.catalog, id)).metadata).toEqual(table.metadata);
  });

  it('honours previous-versions-max and deletes old metadata files when enabled', async () => {
    let table = await createTable(t.catalog, id, {
      schema: simpleSchema(),
      properties: {
        'write.metadata.previous-versions-max': '2',
        'write.metadata.delete-after-commit.enabled': 'true',
      },
    });
    const locations = [table.metadataLocation];
    for (let i = 0; i < 5; i++) {
      table = await updateProperties(table, { set: { [`k${i}`]: String(i) } });
      locations.push(table.metadataLocation);
    }
    expect(table.metadata['metadata-log'].map(e => e['metadata-file'])).toEqual(
      locations.slice(3, 5),
    );
    const exists = await Promise.all(
      locations.map(l => t.catalog.io.exists(l)),
    );
    expect(exists).toEqual([false, false, false, true, true, true]);
  });

  it('retries a stale writer on top of the newer head, losing nothing', async () => {
    const table = await createTable(t.catalog, id, { schema: simpleSchema() });
    // Two handles of the same version: the second commit conflicts and is rebuilt.
    await updateProperties(table, { set: { first: 'yes' } });
    const attempts: number[] = [];
    const result = await commitTable(
      table,
      (head, { attempt }) => {
        attempts.push(attempt);
        return {
          metadata: {
            ...head,
            properties: { ...head.properties, second: 'yes' },
          },
        };
      },
      { minWaitMs: 1 },
    );
    expect(attempts).toEqual([1, 2]);
    expect(result.metadata.properties).toEqual({ first: 'yes', second: 'yes' });
    expect(result.metadataLocation).toMatch(/\/00002-/);
  });

  it('aborts without changes when the validator rejects the head', async () => {
    const table = await createTable(t.catalog, id, { schema: simpleSchema() });
    await expect(
      updateProperties(
        table,
        { set: { x: '1' } },
        {
          validate: () => {
            throw new CommitValidationError('offsets moved');
          },
        },
      ),
    ).rejects.toThrow('offsets moved');
    expect((await loadTable(t.catalog, id)).metadataLocation).toBe(
      table.metadataLocation,
    );
  });

  it('gives a clear error for corrupt or missing metadata, without touching the pointer', async () => {
    const table = await createTable(t.catalog, id, { schema: simpleSchema() });
    writeFileSync(
      toLocalPath(table.metadataLocation),
      '{"format-version": 2, "table-uuid": ',
    );
    await expect(loadTable(t.catalog, id)).rejects.toThrow(MetadataError);
    await expect(loadTable(t.catalog, id)).rejects.toThrow(/is not valid JSON/);
    writeFileSync(toLocalPath(table.metadataLocation), '{"format-version": 1}');
    await expect(loadTable(t.catalog, id)).rejects.toThrow(/format-version 2/);
    await t.catalog.io.delete(table.metadataLocation);
    await expect(loadTable(t.catalog, id)).rejects.toThrow(/is missing/);
  });
});
