// @ts-check

/**
 * Job runs of the lakehouse plugin (SQLite and PostgreSQL).
 *
 * Times are epoch milliseconds in BIGINT columns: exact, ordered the same way on
 * both databases and free of time-zone handling; the store turns them into ISO strings.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('lakehouse_runs', table => {
    table.comment('One row per job run (queued, running or finished)');
    table.string('run_id', 36).primary().notNullable().comment('UUID');
    table.string('job', 64).notNullable();
    table
      .string('trigger', 16)
      .notNullable()
      .comment('schedule, user, service or startup');
    table
      .string('triggered_by', 255)
      .nullable()
      .comment('User entity ref or service subject');
    table.string('idempotency_key', 255).nullable();
    table.text('params').notNullable().comment('JSON object');
    table
      .string('status', 16)
      .notNullable()
      .comment('queued, running, succeeded, failed or cancelled');
    table.bigInteger('created_at').notNullable().comment('epoch ms');
    table.bigInteger('started_at').nullable().comment('epoch ms');
    table.bigInteger('finished_at').nullable().comment('epoch ms');
    table.text('progress').nullable().comment('JSON RunProgress');
    table.text('output').nullable().comment('JSON RunOutput');
    table.text('error').nullable();
    table.boolean('cancel_requested').notNullable().defaultTo(false);
    table
      .string('instance_id', 255)
      .nullable()
      .comment('The backend instance executing the run');
    table.bigInteger('heartbeat_at').nullable().comment('epoch ms');

    // An idempotency key names one run of a job; rows without a key never collide.
    table.unique(['job', 'idempotency_key'], {
      indexName: 'lakehouse_runs_idempotency_key_uq',
      predicate: knex.whereNotNull('idempotency_key'),
    });
    // At most one active run per job across every backend instance: concurrent
    // triggers race on this index, so the database decides and the loser gets 409.
    table.unique(['job'], {
      indexName: 'lakehouse_runs_one_active_uq',
      predicate: knex.whereRaw("status in ('queued', 'running')"),
    });
    // Stale-run sweeps look at active runs only.
    table.index(['status', 'heartbeat_at'], 'lakehouse_runs_status_idx');
  });

  // Newest-first keyset pagination (all runs, and per job).
  await knex.schema.raw(
    'create index lakehouse_runs_listing_idx on lakehouse_runs (created_at desc, run_id desc)',
  );
  await knex.schema.raw(
    'create index lakehouse_runs_job_listing_idx on lakehouse_runs (job, created_at desc, run_id desc)',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('lakehouse_runs');
};
