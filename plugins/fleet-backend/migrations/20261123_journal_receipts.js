// @ts-check

/**
 * Receipts of billing journals: one row per replica journal that reached the portal. The
 * journal itself is a blob in the blob store, addressed by its SHA-256; the portal never
 * deletes either.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('fleet_journal_receipts', table => {
    table.comment('Billing journals received, one row per replica journal');
    table.string('id', 36).primary().notNullable().comment('A UUID');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('customerdeployment:<namespace>/<name>');
    table
      .string('replica', 255)
      .notNullable()
      .comment('The billing pod, deepgram-billing-N');
    table
      .string('sha256', 64)
      .notNullable()
      .comment('Lowercase hex SHA-256 of the journal: its blob address');
    table.bigInteger('bytes').notNullable();
    table
      .bigInteger('lines')
      .notNullable()
      .comment('JSON lines in the journal');
    table
      .timestamp('captured_at', { useTz: true })
      .nullable()
      .comment('When the journal was taken from its volume, if known');
    table.timestamp('received_at', { useTz: true }).notNullable();
    table
      .text('warnings')
      .notNullable()
      .comment('JSON array of warning codes, e.g. ["billing-inactive"]');
    table.string('source', 16).notNullable().comment('upload | inbox');
    table
      .text('file_name')
      .nullable()
      .comment('The uploaded or dropped file; <archive>:<entry> for archives');

    // The same bytes for the same replica are one receipt, also when two uploads race:
    // writers insert with ON CONFLICT DO NOTHING and read the row back.
    table.unique(['entity_ref', 'replica', 'sha256'], {
      indexName: 'fleet_journal_receipts_content_uq',
    });
    // History, newest first (keyset paging on received_at, id), all replicas or one.
    table.index(
      ['entity_ref', 'received_at', 'id'],
      'fleet_journal_receipts_history_idx',
    );
    table.index(
      ['entity_ref', 'replica', 'received_at', 'id'],
      'fleet_journal_receipts_replica_history_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('fleet_journal_receipts');
};
