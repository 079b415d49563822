// @ts-check

/**
 * The fleet's materialised statuses and what has been observed about each deployment.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // One row per CustomerDeployment: its DeploymentStatus as evaluated at the last refresh,
  // with every field that the API filters or orders by in a column of its own.
  await knex.schema.createTable('fleet_deployment_status', table => {
    table.comment('The latest evaluated status of each CustomerDeployment');
    table
      .string('entity_ref', 255)
      .primary()
      .notNullable()
      .comment('customerdeployment:<namespace>/<name>');
    table.string('namespace', 255).notNullable();
    table.string('name', 255).notNullable();
    table.string('title', 255).notNullable();
    table.string('customer', 255).notNullable().comment('Customer entity ref');
    table.string('owner', 255).notNullable().comment('Owner entity ref');
    table.string('profile', 32).notNullable();
    table.string('chart_version', 64).notNullable();
    table.string('health', 32).notNullable();
    table
      .integer('health_rank')
      .notNullable()
      .comment('0 = critical … 3 = ok, so that ascending order is worst-first');
    table.string('license_status', 32).notNullable();
    table
      .string('license_expires_at', 10)
      .nullable()
      .comment('Last valid day, YYYY-MM-DD');
    table.string('journal_status', 32).notNullable();
    table.timestamp('journal_last_received_at', { useTz: true }).nullable();
    table.string('gpu_status', 32).notNullable();
    table.string('upgrade_status', 32).notNullable();
    table.integer('upgrade_days_behind').nullable();
    table
      .text('search_text')
      .notNullable()
      .comment(
        'Lowercased name, title, customer and owner, for free-text search',
      );
    table
      .text('status')
      .notNullable()
      .comment('The whole DeploymentStatus as JSON');
    table.timestamp('evaluated_at', { useTz: true }).notNullable();

    // Filters. Orders carry entity_ref as their tie-break, which keyset paging relies on.
    table.index(['health'], 'fleet_deployment_status_health_idx');
    table.index(
      ['health_rank', 'entity_ref'],
      'fleet_deployment_status_health_rank_idx',
    );
    table.index(['license_status'], 'fleet_deployment_status_license_idx');
    table.index(
      ['license_expires_at', 'entity_ref'],
      'fleet_deployment_status_license_expires_idx',
    );
    table.index(['journal_status'], 'fleet_deployment_status_journal_idx');
    table.index(
      ['journal_last_received_at', 'entity_ref'],
      'fleet_deployment_status_journal_received_idx',
    );
    table.index(['gpu_status'], 'fleet_deployment_status_gpu_idx');
    table.index(['upgrade_status'], 'fleet_deployment_status_upgrade_idx');
    table.index(
      ['upgrade_days_behind', 'entity_ref'],
      'fleet_deployment_status_days_behind_idx',
    );
    table.index(['profile'], 'fleet_deployment_status_profile_idx');
    table.index(['customer'], 'fleet_deployment_status_customer_idx');
    table.index(['owner'], 'fleet_deployment_status_owner_idx');
    table.index(['name', 'entity_ref'], 'fleet_deployment_status_name_idx');
  });

  // What Fleetdeck observed about a deployment (journal receipts, status reports, cluster
  // snapshots), as opposed to what its entity declares. Kept when the entity goes away, so a
  // deployment that comes back keeps its history.
  await knex.schema.createTable('fleet_observations', table => {
    table.comment('Observed facts about each CustomerDeployment');
    table.string('entity_ref', 255).primary().notNullable();
    table
      .timestamp('first_seen_at', { useTz: true })
      .notNullable()
      .comment('When the fleet first saw the deployment');
    table
      .text('observations')
      .notNullable()
      .comment('DeploymentObservations as JSON, without firstSeenAt');
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('fleet_observations');
  await knex.schema.dropTable('fleet_deployment_status');
};
