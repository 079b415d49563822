/*
 * An in-process Backstage backend for the fleet benchmark: the real catalog
 * (`@backstage/plugin-catalog-backend` with Fleetdeck's kinds) and the real fleet plugin, on a
 * database of the bench's choosing, listening on a free loopback port.
 *
 * The catalog gets its entities from a bench-only entity provider (one full mutation); the
 * bench reaches the plugins' databases through two bench-only modules, to seed observations
 * and to see when the catalog's processing queues are empty. Requests carry a static
 * service token (`backend.auth.externalAccess`), as a service calling the API would.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type DatabaseService,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader, type JsonObject } from '@backstage/config';
import {
  catalogProcessingExtensionPoint,
  type EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';

/** What the backend logged at warn or error level: counted, and the first few kept. */
export class LogTally {
  warnings = 0;
  errors = 0;
  readonly first: string[] = [];

  record(level: 'warn' | 'error', message: string, meta?: unknown) {
    if (level === 'warn') {
      this.warnings++;
    } else {
      this.errors++;
    }
    if (this.first.length < 5) {
      let detail = '';
      if (meta instanceof Error) {
        detail = `: ${meta.message}`;
      } else if (meta && typeof meta === 'object') {
        detail = ` ${JSON.stringify(meta).slice(0, 300)}`;
      }
      this.first.push(`${level}: ${message}${detail}`.slice(0, 400));
    }
  }

  logger(): LoggerService {
    const logger: LoggerService = {
      error: (message, meta) => this.record('error', message, meta),
      warn: (message, meta) => this.record('warn', message, meta),
      info: () => {},
      debug: () => {},
      child: () => logger,
    };
    return logger;
  }
}

export interface BenchBackend {
  baseUrl: string;
  /** GET (or POST) a path under the backend with the bench's service token. */
  request(path: string, init?: { method?: string }): Promise<Response>;
  getJson<T = unknown>(path: string): Promise<T>;
  /** Hands the catalog its entities, replacing whatever the bench provider gave before. */
  provideEntities(entities: Entity[]): Promise<void>;
  catalogDb(): Promise<Knex>;
  fleetDb(): Promise<Knex>;
  logs: LogTally;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const PROVIDER = 'fleet-bench';
const LOCATION = `${PROVIDER}:generated`;

export async function startBenchBackend(options: {
  /** `backend.database` */
  database: JsonObject;
  /** `fleet.releases` */
  releases: { index: string; policy: string };
  /** A temporary folder for anything the plugins keep on disk. */
  scratchDirectory: string;
}): Promise<BenchBackend> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const token = randomBytes(24).toString('hex');
  const logs = new LogTally();

  let catalogDatabase: DatabaseService | undefined;
  let fleetDatabase: DatabaseService | undefined;
  let connect: (connection: EntityProviderConnection) => void;
  const connection = new Promise<EntityProviderConnection>(resolve => {
    connect = resolve;
  });

  const config = new ConfigReader({
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port },
      database: options.database,
      auth: {
        externalAccess: [
          { type: 'static', options: { token, subject: 'fleet-bench' } },
        ],
      },
    },
    catalog: {
      // Entities are processed as soon as they arrive; re-processing waits an hour, so that
      // the catalog serves the timed requests without a processing loop beside them.
      processingInterval: { hours: 1 },
      rules: [{ allow: ['Customer', 'CustomerDeployment', 'Location'] }],
    },
    fleet: {
      releases: options.releases,
      journals: {
        // Nothing is uploaded; kept out of the repository all the same.
        blobStore: { path: options.scratchDirectory },
      },
      notices: {
        schedule: {
          frequency: { hours: 24 },
          timeout: { minutes: 10 },
          initialDelay: { hours: 24 },
        },
      },
      status: {
        // Only the bench triggers refreshes (besides the one at startup).
        schedule: {
          frequency: { hours: 24 },
          timeout: { minutes: 10 },
          initialDelay: { hours: 24 },
          scope: 'local',
        },
      },
    },
  });

  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => config,
    }),
  );
  backend.add(
    createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => logs.logger(),
    }),
  );
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(import('@fleetdeck/plugin-catalog-backend-module-fleet'));
  backend.add(import('../src'));
  backend.add(
    createBackendModule({
      pluginId: 'catalog',
      moduleId: 'fleet-bench',
      register(reg) {
        reg.registerInit({
          deps: {
            processing: catalogProcessingExtensionPoint,
            database: coreServices.database,
          },
          async init({ processing, database }) {
            catalogDatabase = database;
            processing.addEntityProvider({
              getProviderName: () => PROVIDER,
              connect: async c => connect(c),
            });
          },
        });
      },
    }),
  );
  backend.add(
    createBackendModule({
      pluginId: 'fleet',
      moduleId: 'fleet-bench',
      register(reg) {
        reg.registerInit({
          deps: { database: coreServices.database },
          async init({ database }) {
            fleetDatabase = database;
          },
        });
      },
    }),
  );
  await backend.start();

  const request = (path: string, init?: { method?: string }) =>
    fetch(`${baseUrl}${path}`, {
      method: init?.method ?? 'GET',
      headers: { authorization: `Bearer ${token}` },
    });

  return {
    baseUrl,
    request,
    async getJson(path) {
      const response = await request(path);
      if (!response.ok) {
        throw new Error(
          `GET ${path}: ${response.status} ${(await response.text()).slice(
            0,
            300,
          )}`,
        );
      }
      return response.json();
    },
    async provideEntities(entities) {
      await (
        await connection
      ).applyMutation({
        type: 'full',
        entities: entities.map(entity => ({
          entity: {
            ...entity,
            metadata: {
              ...entity.metadata,
              annotations: {
                ...entity.metadata.annotations,
                'backstage.io/managed-by-location': LOCATION,
                'backstage.io/managed-by-origin-location': LOCATION,
              },
            },
          },
          locationKey: LOCATION,
        })),
      });
    },
    catalogDb: () => catalogDatabase!.getClient(),
    fleetDb: () => fleetDatabase!.getClient(),
    logs,
    stop: () => backend.stop(),
  };
}
