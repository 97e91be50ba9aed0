/**
 * The schema versions our events follow, and the JSON Schema of our one custom facet.
 *
 * Versions are those of OpenLineage release 1.50.0 (`scripts/openlineage-spec.sh` fetches
 * exactly these files and the tests validate every event against them): core spec
 * 2-0-2; facets JobTypeJobFacet 2-0-3, ErrorMessageRunFacet 1-0-1,
 * OutputStatisticsOutputDatasetFacet 1-0-2, SymlinksDatasetFacet 1-0-1. A `_schemaURL`
 * points at the facet's definition inside its schema (`<$id>#/$defs/<Facet>`), as the
 * OpenLineage clients write it.
 */
import { version } from '../../package.json';

const SPEC = 'https://openlineage.io/spec';

export const OPENLINEAGE_SPEC_VERSION = '2-0-2';

export const RUN_EVENT_SCHEMA_URL = `${SPEC}/${OPENLINEAGE_SPEC_VERSION}/OpenLineage.json#/$defs/RunEvent`;

const facetUrl = (facetVersion: string, facet: string) =>
  `${SPEC}/facets/${facetVersion}/${facet}.json#/$defs/${facet}`;

export const FACET_SCHEMA_URLS = {
  jobType: facetUrl('2-0-3', 'JobTypeJobFacet'),
  errorMessage: facetUrl('1-0-1', 'ErrorMessageRunFacet'),
  outputStatistics: facetUrl('1-0-2', 'OutputStatisticsOutputDatasetFacet'),
  symlinks: facetUrl('1-0-1', 'SymlinksDatasetFacet'),
} as const;

/**
 * Custom facets must be prefixed to avoid clashes with standard ones (OpenLineage.md,
 * "Custom Facet Naming"); ours start with `medallion_`.
 */
export const ICEBERG_SNAPSHOT_FACET = 'medallion_icebergSnapshot';

const ICEBERG_SNAPSHOT_FACET_DEF = 'MedallionIcebergSnapshotOutputDatasetFacet';

/** `$id` of our custom facet's schema (a URN: it names the schema, nothing serves it). */
export const ICEBERG_SNAPSHOT_FACET_SCHEMA_ID = `urn:medallion:openlineage:facets:1-0-0:${ICEBERG_SNAPSHOT_FACET_DEF}.json`;

export const ICEBERG_SNAPSHOT_FACET_SCHEMA_URL = `${ICEBERG_SNAPSHOT_FACET_SCHEMA_ID}#/$defs/${ICEBERG_SNAPSHOT_FACET_DEF}`;

/**
 * JSON Schema (draft 2020-12) of `medallion_icebergSnapshot`, shaped like the official
 * facet schemas: an OutputDatasetFacet plus our fields.
 */
export const ICEBERG_SNAPSHOT_FACET_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: ICEBERG_SNAPSHOT_FACET_SCHEMA_ID,
  $defs: {
    [ICEBERG_SNAPSHOT_FACET_DEF]: {
      allOf: [
        {
          $ref: `${SPEC}/${OPENLINEAGE_SPEC_VERSION}/OpenLineage.json#/$defs/OutputDatasetFacet`,
        },
        {
          type: 'object',
          properties: {
            table: {
              description:
                'The table in the Medallion catalog, as namespace.table',
              type: 'string',
              pattern: '^[^.\\s]+(\\.[^.\\s]+)+$',
            },
            snapshotId: {
              description:
                'The Iceberg snapshot the run committed (the newest per table), as a decimal string',
              type: 'string',
              pattern: '^-?[0-9]+$',
            },
          },
          required: ['table', 'snapshotId'],
        },
      ],
      type: 'object',
    },
  },
  type: 'object',
  properties: {
    [ICEBERG_SNAPSHOT_FACET]: {
      $ref: `#/$defs/${ICEBERG_SNAPSHOT_FACET_DEF}`,
    },
  },
} as const;

/** The `producer` URI when the configuration gives none: this plugin and its version. */
export const DEFAULT_PRODUCER = `urn:medallion:plugin-lakehouse-backend:${version}`;
