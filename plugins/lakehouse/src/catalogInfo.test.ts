/**
 * catalog-info.yaml at the repository root: every entity valid for Backstage's catalog,
 * every relation pointing at an entity of the file, every table annotation naming a
 * table of the pipeline, and the API definition's file present.
 */
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  domainEntityV1alpha1Validator,
  type Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { LAKEHOUSE_TABLE_ANNOTATION } from './components/EntityLakehouseCard/annotation';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const CATALOG_INFO = path.join(REPO_ROOT, 'catalog-info.yaml');

/**
 * Substitutes `$text` placeholders with the file they name, relative to catalog-info.yaml,
 * as the catalog's PlaceholderProcessor does before validation. A missing file throws.
 */
function resolvePlaceholders(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolvePlaceholders);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0][0].startsWith('$')) {
    const [key, target] = entries[0];
    if (key !== '$text')
      throw new Error(`placeholder ${key} is not resolved by this test`);
    return fs.readFileSync(
      path.resolve(path.dirname(CATALOG_INFO), String(target)),
      'utf8',
    );
  }
  return Object.fromEntries(
    entries.map(([k, v]) => [k, resolvePlaceholders(v)]),
  );
}

/** The documents as written (placeholders left as they are). */
function readEntities(): Entity[] {
  const docs = parseAllDocuments(fs.readFileSync(CATALOG_INFO, 'utf8'));
  return docs.map((doc, i) => {
    if (doc.errors.length > 0)
      throw new Error(`document ${i + 1}: ${doc.errors[0].message}`);
    return doc.toJS() as Entity;
  });
}

/**
 * The pipeline's tables, read from the backend's description of its jobs (the one the
 * lineage graph is built from) as text: the frontend must not import backend code.
 */
function pipelineTables(): string[] {
  const source = fs.readFileSync(
    path.join(
      REPO_ROOT,
      'plugins/lakehouse-backend/src/openlineage/pipelineJobs.ts',
    ),
    'utf8',
  );
  return [
    ...source.matchAll(/^export const [A-Z_]+ = '([a-z_]+\.[a-z_]+)';$/gm),
  ].map(m => m[1]);
}

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

const kindValidators = [
  systemEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  apiEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
];

/**
 * Relation fields and the kind a reference in them defaults to (as the catalog's
 * BuiltinKindsEntityProcessor reads them); `dependsOn` has no default kind.
 */
const RELATION_FIELDS: Array<[field: string, defaultKind: string | undefined]> =
  [
    ['owner', 'Group'],
    ['system', 'System'],
    ['domain', 'Domain'],
    ['dependsOn', undefined],
    ['dependencyOf', undefined],
    ['providesApis', 'API'],
    ['consumesApis', 'API'],
    ['subcomponentOf', 'Component'],
    ['parent', 'Group'],
    ['children', 'Group'],
  ];

function relationTargets(entity: Entity): Array<[string, string]> {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const targets: Array<[string, string]> = [];
  for (const [field, defaultKind] of RELATION_FIELDS) {
    const value = spec[field];
    if (value === undefined) continue;
    const refs = Array.isArray(value) ? value : [value];
    for (const ref of refs) {
      const target = parseEntityRef(String(ref), {
        defaultKind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      });
      targets.push([field, stringifyEntityRef(target)]);
    }
  }
  return targets;
}

describe('catalog-info.yaml', () => {
  const entities = readEntities();
  const refs = new Set(entities.map(e => stringifyEntityRef(e)));

  it('registers the platform', () => {
    expect([...refs].sort()).toEqual([
      'api:default/lakehouse-api',
      'component:default/lakehouse-backend',
      'component:default/lakehouse-common',
      'component:default/lakehouse-frontend',
      'component:default/medallion-airflow',
      'component:default/medallion-dbt',
      'component:default/medallion-pipeline',
      'domain:default/analytics',
      'group:default/data-platform',
      'resource:default/bronze-purchase-labels',
      'resource:default/bronze-purchases-raw',
      'resource:default/gold-fct-purchases',
      'resource:default/gold-purchase-anomalies',
      'resource:default/purchases-labels-topic',
      'resource:default/purchases-topic',
      'resource:default/silver-purchases',
      'resource:default/silver-purchases-rejected',
      'system:default/medallion',
    ]);
    expect(refs.size).toBe(entities.length);
  });

  it.each(entities.map(e => [stringifyEntityRef(e), e] as const))(
    '%s is a valid entity of its kind',
    async (_ref, written) => {
      const entity = resolvePlaceholders(written) as Entity;
      await expect(policy.enforce(entity)).resolves.toBeDefined();
      const verdicts = await Promise.all(
        kindValidators.map(validator => validator.check(entity)),
      );
      expect(verdicts.filter(Boolean)).toHaveLength(1);
    },
  );

  it('points every relation at an entity of the file', () => {
    const dangling = entities.flatMap(entity =>
      relationTargets(entity)
        .filter(([, target]) => !refs.has(target))
        .map(
          ([field, target]) =>
            `${stringifyEntityRef(entity)} ${field} → ${target}`,
        ),
    );
    expect(dangling).toEqual([]);
    // The check sees the relations at all: the backend provides the API.
    expect(
      relationTargets(
        entities.find(e => e.metadata.name === 'lakehouse-backend')!,
      ),
    ).toContainEqual(['providesApis', 'api:default/lakehouse-api']);
  });

  it('annotates one Resource per pipeline table, with the data flow as dependsOn', () => {
    const tables = pipelineTables();
    expect(tables).toEqual(
      expect.arrayContaining(['bronze.purchases_raw', 'gold.fct_purchases']),
    );
    const annotated = entities
      .filter(e => e.metadata.annotations?.[LAKEHOUSE_TABLE_ANNOTATION])
      .map(e => ({
        kind: e.kind,
        table: e.metadata.annotations![LAKEHOUSE_TABLE_ANNOTATION],
        dependsOn: (e.spec?.dependsOn as string[] | undefined) ?? [],
      }));
    expect(annotated.every(a => a.kind === 'Resource')).toBe(true);
    expect(annotated.map(a => a.table).sort()).toEqual([...tables].sort());
    expect(
      Object.fromEntries(annotated.map(a => [a.table, a.dependsOn])),
    ).toEqual({
      'bronze.purchases_raw': ['resource:purchases-topic'],
      'bronze.purchase_labels': ['resource:purchases-labels-topic'],
      'silver.purchases': ['resource:bronze-purchases-raw'],
      'silver.purchases_rejected': ['resource:bronze-purchases-raw'],
      'gold.fct_purchases': ['resource:silver-purchases'],
      'gold.purchase_anomalies': ['resource:silver-purchases'],
    });
  });

  it("defines the API by the backend's OpenAPI document, which exists", () => {
    const api = entities.find(e => e.kind === 'API')!;
    expect(api.spec).toMatchObject({ type: 'openapi' });
    const definition = api.spec?.definition as { $text?: string };
    expect(definition.$text).toBe(
      './plugins/lakehouse-backend/src/schema/openapi.yaml',
    );
    const resolved = resolvePlaceholders(api) as Entity;
    expect(resolved.spec?.definition).toMatch(/^openapi: 3\./m);
  });
});
