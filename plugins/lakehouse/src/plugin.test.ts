import { lakehousePlugin } from './plugin';

describe('lakehouse', () => {
  it('should export plugin', () => {
    expect(lakehousePlugin).toBeDefined();
  });
});
