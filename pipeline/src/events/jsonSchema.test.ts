import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMA_FILES, renderJsonSchema } from './jsonSchema';

describe('checked-in JSON Schema documents', () => {
  it.each(
    Object.keys(JSON_SCHEMA_FILES) as Array<keyof typeof JSON_SCHEMA_FILES>,
  )(
    '%s matches the zod contract (regenerate with: npm run schemas -w pipeline)',
    name => {
      const checkedIn = readFileSync(
        join(__dirname, '..', '..', 'schemas', name),
        'utf8',
      );
      expect(checkedIn).toBe(renderJsonSchema(name));
    },
  );

  it('describes the required fields and versions', () => {
    const v2 = JSON.parse(renderJsonSchema('purchase-event.v2.schema.json'));
    expect(v2.required).toEqual(
      expect.arrayContaining([
        'event_id',
        'event_ts',
        'customer_id',
        'unit_price',
        'unit_cost',
      ]),
    );
    expect(v2.required).not.toContain('coupon_code');
    expect(v2.properties.schema_version.const).toBe(2);
    expect(v2.additionalProperties).toBe(false);
  });
});
