// @ts-check

/**
 * Moves each deployment's whole status document (several kB of JSON: every upgrade check with
 * its message and fix) out of `fleet_deployment_status` into a table of its own.
 *
 * The list endpoint counts and summarises every row that matches a filter; with the documents
 * inline, each of those scans read about 30 MB for 10,000 deployments on SQLite. The narrow
 * table holds only the columns that filters, orders and counts use, and a page reads its 50
 * documents by primary key.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('fleet_deployment_status_document', table => {
    table.comment(
      'The whole DeploymentStatus of each row of fleet_deployment_status',
    );
    table
      .string('entity_ref', 255)
      .primary()
      .notNullable()
      .comment('customerdeployment:<namespace>/<name>');
    table
      .text('status')
      .notNullable()
      .comment('The whole DeploymentStatus as JSON');
  });
  await knex
    .insert(knex('fleet_deployment_status').select('entity_ref', 'status'))
    .into('fleet_deployment_status_document');
  await knex.schema.alterTable('fleet_deployment_status', table => {
    table.dropColumn('status');
  });
  // SQLite drops a column by copying the table, which a foreign key onto it would not survive;
  // there the store's transactions keep the two tables in step on their own.
  if (!String(knex.client.config.client).includes('sqlite')) {
    await knex.schema.alterTable('fleet_deployment_status_document', table => {
      table
        .foreign('entity_ref')
        .references('entity_ref')
        .inTable('fleet_deployment_status')
        .onDelete('CASCADE');
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('fleet_deployment_status', table => {
    table.text('status').notNullable().defaultTo('{}');
  });
  await knex('fleet_deployment_status').update({
    status: knex('fleet_deployment_status_document')
      .select('status')
      .where(
        'fleet_deployment_status_document.entity_ref',
        knex.ref('fleet_deployment_status.entity_ref'),
      ),
  });
  await knex.schema.dropTable('fleet_deployment_status_document');
};
