import { MAX_CELL_CHARS, previewCell } from './previewCell';

describe('previewCell', () => {
  it('shows 64-bit integers and decimals exactly as sent', () => {
    expect(previewCell('9007199254740993').text).toBe('9007199254740993');
    expect(previewCell('12.50').text).toBe('12.50');
  });

  it('marks null and missing values', () => {
    expect(previewCell(null)).toEqual({
      text: 'null',
      full: null,
      isNull: true,
    });
    expect(previewCell(undefined).isNull).toBe(true);
  });

  it('renders numbers, booleans and nested values as text', () => {
    expect(previewCell(3).text).toBe('3');
    expect(previewCell(false).text).toBe('false');
    expect(previewCell({ id: 'x', tags: ['a'] }).text).toBe(
      '{"id":"x","tags":["a"]}',
    );
  });

  it('cuts long values, keeping the whole value for the tooltip', () => {
    const long = 'x'.repeat(MAX_CELL_CHARS + 5);
    const cell = previewCell(long);
    expect(cell.text).toHaveLength(MAX_CELL_CHARS);
    expect(cell.text.endsWith('…')).toBe(true);
    expect(cell.full).toBe(long);
    expect(previewCell('x'.repeat(MAX_CELL_CHARS)).full).toBeNull();
  });
});
