// @ts-check

/**
 * Flags raised by the scheduled checks (task fleet-journal-overdue): billing journals overdue
 * or never received, licenses expiring or expired. A flag is raised when a deployment enters
 * the state and cleared when it leaves it; flags are never deleted, so the table is the
 * history of every such episode.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('fleet_flags', table => {
    table.comment(
      'Problems raised about CustomerDeployments, open and cleared',
    );
    table.increments('id').primary();
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('customerdeployment:<namespace>/<name>');
    table
      .string('kind', 32)
      .notNullable()
      .comment(
        'journal-overdue | journal-never-received | license-expiring | license-expired',
      );
    table
      .text('detail')
      .notNullable()
      .comment(
        'JSON: the late replicas of a journal flag; the license end and the notice threshold last sent of a license flag',
      );
    table.timestamp('raised_at', { useTz: true }).notNullable();
    table
      .timestamp('last_notified_at', { useTz: true })
      .nullable()
      .comment(
        'When the owner was last notified; NULL until the first one is sent',
      );
    table.integer('notify_count').notNullable().defaultTo(0);
    table
      .timestamp('cleared_at', { useTz: true })
      .nullable()
      .comment(
        'When the deployment left the state; NULL while the flag is open',
      );

    table.index(
      ['entity_ref', 'kind', 'cleared_at'],
      'fleet_flags_entity_kind_cleared_idx',
    );
    // At most one open flag of a kind per deployment, whatever races a bug might cause.
    table.unique(['entity_ref', 'kind'], {
      indexName: 'fleet_flags_open_uq',
      predicate: knex.whereNull('cleared_at'),
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('fleet_flags');
};
