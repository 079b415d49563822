// @ts-check

/**
 * Deployments onboarded through the portal (scaffolder action fleet:deployment:register):
 * their entities, which the catalog module's FleetRegistrationsProvider emits, and the files
 * the template generated, which the entity page offers for download.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('fleet_registrations', table => {
    table.comment('CustomerDeployments registered through the portal');
    table
      .string('entity_ref', 255)
      .primary()
      .comment('customerdeployment:<namespace>/<name>');
    table
      .string('task_id', 255)
      .notNullable()
      .comment(
        'The scaffolder task that registered it; only the same task may register it again',
      );
    table
      .string('registered_by', 255)
      .notNullable()
      .comment('The user (or service) the task ran for');
    table.timestamp('registered_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table
      .text('deployment')
      .notNullable()
      .comment('JSON: the CustomerDeployment entity as registered');
    table
      .text('customer')
      .nullable()
      .comment('JSON: the Customer entity, when the registration created it');
  });

  await knex.schema.createTable('fleet_registration_artifacts', table => {
    table.comment('Files generated for a registered deployment');
    table
      .string('entity_ref', 255)
      .notNullable()
      .references('entity_ref')
      .inTable('fleet_registrations')
      .onDelete('CASCADE');
    table.string('name', 64).notNullable().comment('values.yaml, RUNBOOK.md…');
    table.text('content').notNullable();
    table.integer('bytes').notNullable();
    table.string('sha256', 64).notNullable();
    table.primary(['entity_ref', 'name']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('fleet_registration_artifacts');
  await knex.schema.dropTable('fleet_registrations');
};
