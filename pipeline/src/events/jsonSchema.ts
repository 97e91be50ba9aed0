/** JSON Schema documents generated from the zod contracts, for non-TypeScript producers. */
import { z } from 'zod';
import { purchaseEventV1, purchaseEventV2, purchaseLabel } from './schema';

export const JSON_SCHEMA_FILES = {
  'purchase-event.v1.schema.json': purchaseEventV1,
  'purchase-event.v2.schema.json': purchaseEventV2,
  'purchase-label.v1.schema.json': purchaseLabel,
} as const;

export function renderJsonSchema(name: keyof typeof JSON_SCHEMA_FILES): string {
  const schema = z.toJSONSchema(JSON_SCHEMA_FILES[name], {
    target: 'draft-2020-12',
  });
  const document = { $id: `https://medallion.dev/schemas/${name}`, ...schema };
  return `${JSON.stringify(document, null, 2)}\n`;
}
