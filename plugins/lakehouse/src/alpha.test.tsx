import lakehousePlugin, { lakehousePage } from './alpha';

describe('lakehouse (new frontend system)', () => {
  it('exports a frontend plugin with the lakehouse page', () => {
    expect(lakehousePlugin.pluginId).toBe('lakehouse');
    expect(lakehousePlugin.getExtension('page:lakehouse')).toBeDefined();
    expect(lakehousePage).toBeDefined();
  });
});
