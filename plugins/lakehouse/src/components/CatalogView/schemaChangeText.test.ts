import type { SchemaChange } from '@medallion/plugin-lakehouse-common';
import { changeLine } from './schemaChangeText';

const change = (c: Omit<SchemaChange, 'fieldId'>): SchemaChange => ({
  fieldId: 1,
  ...c,
});

describe('changeLine', () => {
  it.each([
    {
      c: change({ kind: 'added', name: 'tags', from: null, to: 'list' }),
      symbol: '+',
      verb: 'added',
      text: 'tags: list',
    },
    {
      c: change({ kind: 'removed', name: 'legacy', from: 'string', to: null }),
      symbol: '−',
      verb: 'removed',
      text: 'legacy: string',
    },
    {
      c: change({
        kind: 'renamed',
        name: 'device_class',
        from: 'device',
        to: 'device_class',
      }),
      symbol: '→',
      verb: 'renamed',
      text: 'device → device_class',
    },
    {
      c: change({
        kind: 'type-changed',
        name: 'quantity',
        from: 'int',
        to: 'long',
      }),
      symbol: '~',
      verb: 'type changed',
      text: 'quantity: int → long',
    },
    {
      c: change({
        kind: 'nullability-changed',
        name: 'customer.address.country',
        from: 'required',
        to: 'optional',
      }),
      symbol: '~',
      verb: 'nullability changed',
      text: 'customer.address.country: required → optional',
    },
    {
      c: change({
        kind: 'doc-changed',
        name: 'amount',
        from: null,
        to: 'Net.',
      }),
      symbol: '~',
      verb: 'doc changed',
      text: 'amount: (none) → "Net."',
    },
  ])('describes "$verb"', ({ c, symbol, verb, text }) => {
    expect(changeLine(c)).toMatchObject({ symbol, verb, text });
  });

  it('gives additions and removals different colours', () => {
    const added = changeLine(
      change({ kind: 'added', name: 'a', from: null, to: 'int' }),
    );
    const removed = changeLine(
      change({ kind: 'removed', name: 'a', from: 'int', to: null }),
    );
    expect(added.colour).not.toBe(removed.colour);
  });
});
