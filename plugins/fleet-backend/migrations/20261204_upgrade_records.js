// @ts-check

/**
 * What an upgrade needs besides the release data: each deployment's Helm values document (from
 * onboarding or uploaded by an SE), the offline update bundles handed out for air-gapped
 * deployments with what the customer's check of them said, and the backups its database jobs
 * reported. Each write is also merged into the deployment's observations, which the statuses
 * are evaluated from; these tables are the record behind them. (knex sends column comments
 * to PostgreSQL unescaped: they hold no apostrophes.)
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('fleet_deployment_values', table => {
    table.comment(
      'The current Helm values document of each deployment: refs and names only, never a secret value',
    );
    table
      .string('entity_ref', 255)
      .primary()
      .comment('customerdeployment:<namespace>/<name>');
    table
      .text('document')
      .notNullable()
      .comment(
        'The YAML document, checked for secret values before it is stored',
      );
    table
      .string('source', 16)
      .notNullable()
      .comment('onboarding (the values.yaml of the registration) or upload');
    table.string('sha256', 64).notNullable().comment('hex sha256 of document');
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table
      .string('recorded_by', 255)
      .notNullable()
      .comment('The user who uploaded it, or who registered the deployment');
  });

  await knex.schema.createTable('fleet_update_bundles', table => {
    table.comment(
      'Offline update bundles handed out for air-gapped deployments',
    );
    table
      .string('id', 64)
      .notNullable()
      .comment('The id of the bundle: hex sha256 of its MANIFEST.json');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('customerdeployment:<namespace>/<name>');
    table
      .string('from_version', 64)
      .notNullable()
      .comment('The chart version the bundle upgrades from');
    table
      .string('target_version', 64)
      .notNullable()
      .comment('The chart version it carries');
    table
      .text('manifest')
      .notNullable()
      .comment('JSON: the UpdateBundleManifest, exactly as hashed');
    table
      .text('kit_files')
      .notNullable()
      .comment(
        'JSON: the kit handed out (MANIFEST.json, SHA256SUMS, RELEASE-NOTES.md, the scripts), served again on download',
      );
    table.timestamp('delivered_at', { useTz: true }).notNullable();
    table
      .string('delivered_by', 255)
      .notNullable()
      .comment('The user entity ref who handed it out');
    table
      .timestamp('verified_at', { useTz: true })
      .nullable()
      .comment('When the latest result of verify-bundle.sh was checked');
    table
      .string('verification', 16)
      .nullable()
      .comment('verified or failed; null until a result arrives');
    table
      .text('failed_files')
      .nullable()
      .comment('JSON: the files missing or with another checksum, when failed');
    table.unique(['entity_ref', 'id']);
    table.index(['entity_ref', 'delivered_at']);
  });

  await knex.schema.createTable('fleet_backups', table => {
    table.comment(
      'Backups of the databases of deployments, from the manifests their backup jobs write',
    );
    table.increments('row_id');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('customerdeployment:<namespace>/<name>');
    table
      .string('component', 63)
      .notNullable()
      .comment('spec.databases[].name of the deployment');
    table.string('database', 255).notNullable().comment('The database dumped');
    table.timestamp('taken_at', { useTz: true }).notNullable();
    table.bigInteger('bytes').notNullable().comment('Size of the dump');
    table.string('sha256', 64).notNullable().comment('hex sha256 of the dump');
    table.integer('retention_days').notNullable();
    table
      .timestamp('received_at', { useTz: true })
      .notNullable()
      .comment('When the manifest reached the portal (the first time)');
    table
      .string('source', 16)
      .notNullable()
      .comment('upload (the API) or inbox');
    // The same manifest twice (a re-run collector, an inbox re-drop) is one backup.
    table.unique(['entity_ref', 'component', 'sha256']);
    table.index(['entity_ref', 'component', 'taken_at']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('fleet_backups');
  await knex.schema.dropTable('fleet_update_bundles');
  await knex.schema.dropTable('fleet_deployment_values');
};
