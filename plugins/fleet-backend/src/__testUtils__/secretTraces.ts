import {
  coreServices,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * A root logger that keeps every line (message and fields) of every plugin and of the
 * auditor, so a test can say a secret was never logged.
 */
export function capturingRootLogger() {
  const lines: string[] = [];
  const make = (fields: object): LoggerService => {
    const log =
      (level: string) =>
      (message: string, meta?: Error | object): void => {
        lines.push(
          `${level} ${message} ${JSON.stringify(fields)} ${
            meta instanceof Error
              ? `${meta.name}: ${meta.message} ${meta.stack}`
              : JSON.stringify(meta ?? {})
          }`,
        );
      };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: more => make({ ...fields, ...more }),
    };
  };
  return {
    factory: createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => make({}),
    }),
    /** Everything logged so far, one line per call. */
    text: () => lines.join('\n'),
  };
}

/** Every row of every fleet table as text, blobs as UTF-8, to search for a value. */
export async function allFleetRowsText(knex: Knex): Promise<string> {
  const tables =
    knex.client.config.client === 'pg'
      ? (
          await knex.raw<{ rows: Array<{ name: string }> }>(
            `select tablename as name from pg_tables where schemaname = current_schema()`,
          )
        ).rows
      : await knex.raw<Array<{ name: string }>>(
          `select name from sqlite_master where type = 'table'`,
        );
  const fleetTables = tables
    .map(table => table.name)
    .filter(name => name.startsWith('fleet_'));
  // Guards the search itself: a renamed table must not make every assertion pass.
  if (!fleetTables.includes('fleet_observations')) {
    throw new Error(`No fleet tables found, only ${fleetTables.join(', ')}`);
  }
  const parts: string[] = [];
  for (const table of fleetTables) {
    for (const row of await knex(table).select()) {
      parts.push(
        JSON.stringify(row, (_, value) =>
          value?.type === 'Buffer' && Array.isArray(value.data)
            ? Buffer.from(value.data).toString('utf8')
            : value,
        ),
      );
    }
  }
  return parts.join('\n');
}
