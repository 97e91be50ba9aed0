import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

/** A freshness SLA: a table is `warn` past warnAfter and `error` past errorAfter. */
interface FreshnessSlaConfig {
  /** A duration object (`{ minutes: 5 }`) or an ISO-8601 duration (`PT5M`). */
  warnAfter: HumanDuration | string;
  /** A duration object (`{ minutes: 15 }`) or an ISO-8601 duration (`PT15M`). */
  errorAfter: HumanDuration | string;
}

/** A job's schedule; `scope: global` (default) runs it on one backend instance at a time. */
interface JobScheduleConfig {
  /** Turns the job off (it stays listed, triggers are refused with the reason). */
  enabled?: boolean;
  /**
   * `frequency: { trigger: manual }` hands the job to an outside orchestrator (Airflow):
   * the plugin neither schedules nor wakes it; it runs only when triggered over the API.
   */
  schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
}

export interface Config {
  /**
   * The Medallion lakehouse backend plugin. Every key is optional: locally the plugin
   * runs on the embedded defaults (Kafka on 127.0.0.1:9092, a SQLite Iceberg catalog and a
   * file warehouse under `.medallion/`, DuckDB for queries).
   */
  lakehouse?: {
    /** Local state root (catalog, warehouse, lineage log) when nothing else is given. Default `.medallion`. */
    home?: string;

    kafka?: {
      /** Bootstrap brokers as host:port. Default `127.0.0.1:9092`. */
      brokers?: string[];
      clientId?: string;
      /** Topic the purchase events are produced to and ingested from. Default `purchases`. */
      topic?: string;
      /** Topic of the producer's ground-truth labels. Default `purchases.labels`. */
      labelsTopic?: string;
      /** Partitions of topics the plugin creates. Default 6. */
      partitions?: number;
      /** Replication factor of topics the plugin creates; -1 uses the cluster default. */
      replicationFactor?: number;
      ssl?: boolean;
      sasl?: {
        mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
        username: string;
        /** @visibility secret */
        password: string;
      };
      /** Consumer group of the bronze ingester (labels use `<group>-labels`). Default `medallion-bronze`. */
      consumerGroup?: string;
    };

    catalog?: {
      /**
       * The Iceberg SQL catalog: `sqlite:/abs/path/catalog.db` (default under `home`) or
       * `postgresql://user:password@host:port/db`.
       * @visibility secret
       */
      uri?: string;
      /** Catalog name stored in the catalog tables. Default `medallion`. */
      name?: string;
      /** `sql` (the `uri` above) or `glue` (the AWS Glue Data Catalog). Default: by `platform`. */
      type?: 'sql' | 'glue';
      glue?: {
        /** The account id of the Glue Data Catalog (12 digits); default the caller's account. */
        catalogId?: string;
      };
    };

    /**
     * The one switch between local and AWS. `aws` defaults the catalog to Glue and the
     * query engine to Athena and needs an s3:// warehouse; each stays overridable. Default `local`.
     */
    platform?: 'local' | 'aws';

    /** AWS settings; credentials come from the SDK's default provider chain, never from here. */
    aws?: {
      /** Region of S3, Glue and Athena (else AWS_REGION). */
      region?: string;
      /** An S3-compatible store or an emulator (e.g. http://127.0.0.1:5000); unset on AWS. */
      endpoint?: string;
      /** Path-style S3 addressing, which most S3-compatible stores need. */
      forcePathStyle?: boolean;
    };

    /** Warehouse location for new tables: a path / `file://` URI locally, `s3://bucket/prefix` on AWS. */
    warehouse?: string;

    queryEngine?: {
      /**
       * `duckdb` (local), `athena` (AWS) or `trino` (a Trino server whose catalog holds
       * the tables, e.g. on Glue). Default: by `platform`. The backend's previews and
       * anomaly views run on it as well as `medallion sql`.
       */
      type?: 'duckdb' | 'athena' | 'trino';
      athena?: {
        /** The workgroup queries run in (Terraform output lakehouse_query_engine_athena_workgroup). */
        workgroup?: string;
        /** s3:// location for results; omit when the workgroup enforces its own. */
        outputLocation?: string;
      };
      trino?: {
        /** The coordinator, e.g. `http://trino.internal:8080`. */
        server?: string;
        /** The Trino catalog that holds the lakehouse's namespaces. Default `iceberg`. */
        catalog?: string;
        /** Default `medallion`. A password, if needed, comes from MEDALLION_TRINO_PASSWORD only. */
        user?: string;
      };
    };

    jobs?: {
      /** The demo event producer: off by default; `npm start` turns it on. */
      producer?: {
        enabled?: boolean;
        /** Start producing when the plugin starts (demos). Default false. */
        startOnBoot?: boolean;
        /** Default parameters of producer runs. */
        rate?: number;
        durationSeconds?: number;
        schema?: 'v1' | 'v2';
        anomalyRate?: number;
        malformedRate?: number;
      };
      /** Kafka → bronze: long-running, started and stopped with the plugin. */
      bronze?: { enabled?: boolean };
      /** Bronze → silver: scheduled. Default every 10 s, global scope. */
      silver?: JobScheduleConfig & {
        /** Bronze rows processed per batch. Default 50000. */
        maxRowsPerRun?: number;
      };
      /** Compaction, snapshot expiry, orphan files: scheduled. Default every 5 min, global. */
      maintenance?: JobScheduleConfig;
      /**
       * Gold: `dbt build` (+ docs and source freshness), committed as Iceberg only when every
       * test passed. The dbt target follows `queryEngine.type`: dbt-duckdb, dbt-athena or
       * dbt-trino (the last two build in `gold_staging`, then the backend publishes into
       * `gold`). Scheduled, default every 10 min, global. Needs `lakehouse.dbt.python`.
       */
      gold?: JobScheduleConfig;
      /**
       * Anomaly scoring of new silver purchases into gold.purchase_anomalies: scheduled,
       * default every 10 s, global scope, and woken right after each silver commit. With
       * no model yet it trains the first one as soon as silver holds enough purchases.
       */
      scoring?: JobScheduleConfig & {
        /** Silver rows scored per batch. Default 50000. */
        maxRowsPerRun?: number;
      };
      /**
       * Retraining of the Isolation Forest: scheduled, default daily at 03:00 (cron), global;
       * also woken while silver outgrows a young stream's model.
       */
      training?: JobScheduleConfig & {
        /** Days of silver (event time, up to the newest purchase) to train on. Default 7. */
        windowDays?: number;
        /** At most this many purchases, the newest. Default 200000. */
        maxRows?: number;
        /** Fewer purchases than this is not enough to train. Default 1000. */
        minRows?: number;
        /** Trees. Default 100. */
        nEstimators?: number;
        /** Purchases per tree. Default 4096. */
        maxSamples?: number;
        /** Share of features per tree, (0, 1]. Default 1. */
        maxFeatures?: number;
        /** Expected share of anomalies (0, 0.5], or 'auto' (threshold 0.5). Default 0.02. */
        contamination?: number | 'auto';
        /** Seed of the forest's random numbers. Default 42. */
        seed?: number;
      };
    };

    runs?: {
      /** Finished run records older than this are deleted. Default `{ days: 30 }`. */
      retention?: HumanDuration | string;
    };

    /** Freshness SLAs; the most specific entry wins: table, then layer, then default. */
    freshness?: {
      default?: FreshnessSlaConfig;
      layers?: {
        bronze?: FreshnessSlaConfig;
        silver?: FreshnessSlaConfig;
        gold?: FreshnessSlaConfig;
      };
      /** Per table (`namespace.table`); a list because table names contain dots. */
      tables?: Array<FreshnessSlaConfig & { table: string }>;
    };

    openLineage?: {
      /** OpenLineage HTTP endpoint base URL (events go to `<url>/api/v1/lineage`); unset: no HTTP. */
      url?: string;
      /** @visibility secret */
      apiKey?: string;
      /** Namespace of our jobs. Default `medallion`. */
      namespace?: string;
      /** Local JSON Lines log of every event. Default `<home>/openlineage/events.jsonl`; `false` turns it off. */
      logFile?: string | false;
    };

    dbt?: {
      /** The dbt project (default `dbt`, relative to the working directory). */
      projectDir?: string;
      /**
       * Python of the dbt environment (`bash scripts/python-env.sh dbt dbt/requirements.txt`
       * prints it). Default: the MEDALLION_DBT_PYTHON variable; without either the gold job
       * is disabled and says how to fix it.
       */
      python?: string;
    };
  };
}
