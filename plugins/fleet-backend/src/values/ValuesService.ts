import { createHash } from 'node:crypto';
import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { DeploymentValuesResponse } from '@fleetdeck/plugin-fleet-common';
import type { FleetStore } from '../database/FleetStore';
import { refreshAfterWrite } from '../service/refreshAfterWrite';
import { requireDeployment } from '../service/requireDeployment';
import type { DeploymentLookup, StatusRefresh } from '../service/seams';
import { replacesValues } from './DatabaseValuesStore';
import { checkValuesDocument } from './checkValuesDocument';
import type { StoredValues, ValuesStore } from './ValuesStore';

/** Without `recordedBy`: who recorded it is the record's, not the API's. */
const shown = ({ recordedBy, ...values }: StoredValues) => values;

/**
 * Each deployment's Helm values document: from onboarding (the registration's `values.yaml`)
 * or uploaded by an SE. Stored in its table and merged into the deployment's observations
 * (`values`, `valuesKeys`), from which the upgrade checks and plans read it.
 */
export class ValuesService {
  constructor(
    private readonly options: {
      store: ValuesStore;
      observations: Pick<FleetStore, 'setObservations' | 'getObservations'>;
      deployments: DeploymentLookup;
      statuses: StatusRefresh;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /** The deployment's values on record; 404 for an unknown deployment. */
  async get(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<DeploymentValuesResponse> {
    await requireDeployment(this.options.deployments, entityRef, credentials);
    // The values the plan migrates and the checks read: those merged into the observations.
    const observed = (
      await this.options.observations.getObservations([entityRef])
    ).get(entityRef);
    if (!observed?.values) {
      return {};
    }
    const { parsed: _parsed, ...values } = observed.values;
    return { values };
  }

  /**
   * An SE's upload (`{ document }`): checked by {@link checkValuesDocument} (a 400 naming the
   * key, nothing stored), then recorded as the deployment's values.
   */
  async upload(
    entityRef: string,
    body: { document?: unknown },
    credentials: BackstageCredentials,
    recordedBy: string,
  ): Promise<DeploymentValuesResponse> {
    await requireDeployment(this.options.deployments, entityRef, credentials);
    if (typeof body.document !== 'string') {
      throw new InputError(
        'Send the values file as { "document": "<its YAML text>" }',
      );
    }
    const values = await this.record(entityRef, {
      document: body.document,
      source: 'upload',
      recordedBy,
    });
    return { values: shown(values) };
  }

  /**
   * A registration's `values.yaml`, as the deployment's values from onboarding — unless an
   * SE uploaded values since. Throws `InputError` when it is not a values document.
   */
  async recordOnboarding(
    entityRef: string,
    document: string,
    recordedBy: string,
  ): Promise<void> {
    await this.record(entityRef, {
      document,
      source: 'onboarding',
      recordedBy,
    });
  }

  private async record(
    entityRef: string,
    incoming: Pick<StoredValues, 'document' | 'source' | 'recordedBy'>,
    options: { refresh: boolean } = { refresh: true },
  ): Promise<StoredValues> {
    const { store, observations, statuses, logger } = this.options;
    const parsed = checkValuesDocument(incoming.document);
    const values: StoredValues = {
      ...incoming,
      sha256: createHash('sha256').update(parsed.document).digest('hex'),
      recordedAt: (this.options.now?.() ?? new Date()).toISOString(),
    };
    const { stored, values: current } = await store.record(entityRef, values);
    if (!stored) {
      logger.info(
        `Values from ${incoming.source} for ${entityRef} not recorded: an upload of ${current.recordedAt} is newer`,
      );
      return current;
    }
    // Under the observations' row lock, by the same rule as the table: of two writers racing,
    // the observations end as the table does.
    await observations.setObservations(entityRef, observed =>
      replacesValues(observed.values, values)
        ? {
            values: { ...shown(values), parsed: parsed.values },
            valuesKeys: parsed.keys,
          }
        : undefined,
    );
    if (options.refresh) {
      await refreshAfterWrite(statuses, logger, entityRef, 'Values');
    }
    return values;
  }
}
