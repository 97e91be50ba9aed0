import { fieldRows } from './schemaFields';
import { currentFields } from './__testUtils__/catalogFixtures';

describe('fieldRows', () => {
  it('puts struct members after their parent, one level deeper', () => {
    const rows = fieldRows(currentFields).slice(-4);
    expect(rows.map(r => [r.path, r.depth])).toEqual([
      ['shipping', 0],
      ['shipping.method', 1],
      ['shipping.address', 1],
      ['shipping.address.country', 2],
    ]);
  });
});
