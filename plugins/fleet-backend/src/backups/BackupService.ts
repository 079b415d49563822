import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  describeSpan,
  validateBackupManifest,
  type BackupListResponse,
  type BackupObservation,
} from '@fleetdeck/plugin-fleet-common';
import type { FleetStore } from '../database/FleetStore';
import { isAheadOfClock } from '../reports/clockSkew';
import { refreshAfterWrite } from '../service/refreshAfterWrite';
import { requireDeployment } from '../service/requireDeployment';
import type { DeploymentLookup, StatusRefresh } from '../service/seams';
import type { BackupStore } from './BackupStore';

/** What became of a backup manifest. */
export interface BackupIntakeResult {
  /** False when the same dump was reported before. */
  created: boolean;
  backup: BackupObservation;
  message: string;
}

/** The observations' latest backup per component, with `backup` in it when it is newer. */
function withLatest(
  current: BackupObservation[] | undefined,
  backup: BackupObservation,
): BackupObservation[] | undefined {
  const previous = current?.find(b => b.component === backup.component);
  if (previous && Date.parse(previous.takenAt) >= Date.parse(backup.takenAt)) {
    return undefined;
  }
  return [
    ...(current ?? []).filter(b => b.component !== backup.component),
    backup,
  ].sort((a, b) => a.component.localeCompare(b.component));
}

/**
 * The backups of deployments' databases, from the manifests their backup jobs write beside
 * each dump (uploaded, or dropped into the inbox): recorded, and the latest per component
 * merged into the deployment's observations (`backups`), which upgrade readiness checks.
 */
export class BackupService {
  constructor(
    private readonly options: {
      store: BackupStore;
      observations: Pick<FleetStore, 'setObservations' | 'getObservations'>;
      deployments: DeploymentLookup;
      statuses: StatusRefresh;
      logger: LoggerService;
      /** How far `takenAt` may be ahead of the portal's clock (`fleet.reports.maxClockSkew`). */
      maxClockSkewMs: number;
      now?: () => Date;
    },
  ) {}

  async list(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<BackupListResponse> {
    await requireDeployment(this.options.deployments, entityRef, credentials);
    // What readiness judges: the latest backup per component, merged into the observations
    // with every manifest taken (and by a seeder).
    const observed = await this.options.observations.getObservations([
      entityRef,
    ]);
    return { items: observed.get(entityRef)?.backups ?? [] };
  }

  /**
   * Takes a BackupManifest for a deployment. `NotFoundError` for an unknown deployment;
   * `InputError` for an invalid manifest, a component the deployment does not declare in
   * `spec.databases` (or whose database is another), or a `takenAt` ahead of the clock.
   */
  async accept(
    entityRef: string,
    body: unknown,
    credentials: BackstageCredentials,
    source: 'upload' | 'inbox',
  ): Promise<BackupIntakeResult> {
    const { deployments, store, observations, statuses, logger } = this.options;
    const entity = await requireDeployment(deployments, entityRef, credentials);
    let manifest;
    try {
      manifest = validateBackupManifest(body);
    } catch (error) {
      throw new InputError(
        `Invalid backup manifest: ${(error as Error).message}`,
      );
    }
    const { spec } = manifest;
    const declared = entity.spec.databases ?? [];
    const component = declared.find(db => db.name === spec.component);
    if (!component) {
      throw new InputError(
        `Invalid backup manifest: spec.component "${
          spec.component
        }" is not one of ${entityRef}'s databases (${
          declared.map(db => db.name).join(', ') || 'it declares none'
        }); declare it in spec.databases, or send the manifest to the deployment whose database it is`,
      );
    }
    if (component.database !== spec.database) {
      throw new InputError(
        `Invalid backup manifest: spec.database is "${spec.database}" but ${spec.component} dumps "${component.database}" (spec.databases); send the manifest its own backup job wrote`,
      );
    }
    const now = this.options.now?.() ?? new Date();
    if (isAheadOfClock(spec.takenAt, now, this.options.maxClockSkewMs)) {
      throw new InputError(
        `Invalid backup manifest: takenAt ${spec.takenAt} is ${describeSpan(
          Date.parse(spec.takenAt) - now.getTime(),
        )} ahead of the portal's clock (${now.toISOString()}); check the clock of the node that ran the backup job`,
      );
    }
    const { created, backup } = await store.record(entityRef, {
      component: spec.component,
      database: spec.database,
      takenAt: new Date(spec.takenAt).toISOString(),
      bytes: spec.bytes,
      sha256: spec.sha256,
      retentionDays: spec.retentionDays,
      receivedAt: now.toISOString(),
      source,
    });
    await observations.setObservations(entityRef, current => {
      const backups = withLatest(current.backups, backup);
      return backups ? { backups } : undefined;
    });
    if (created) {
      await refreshAfterWrite(statuses, logger, entityRef, 'Backup manifest');
    }
    const message = created
      ? `Recorded: backup of ${backup.component} taken ${backup.takenAt}`
      : `Already recorded: backup of ${backup.component} taken ${backup.takenAt}`;
    logger.info(`${message} for ${entityRef} (${source})`);
    return { created, backup, message };
  }
}
