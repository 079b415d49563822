import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import {
  coreServices,
  createBackendModule,
  type LoggerService,
} from '@backstage/backend-plugin-api';
import {
  DAY_MS,
  type GpuCapacityObservation,
  type JournalReceiptObservation,
} from '@fleetdeck/plugin-fleet-common';
import {
  fleetObservationsExtensionPoint,
  type DeploymentObservationsPatch,
  type FleetObservationWriter,
} from '@fleetdeck/plugin-fleet-node';

/**
 * Reads an `ExampleObservations` document (examples/observations.yaml): observations of
 * example deployments with times given as days before `now`, so a demo portal shows every
 * status on whatever day it starts. Throws an error naming the bad field.
 */
export function readExampleObservations(
  parsed: unknown,
  now: Date,
): Map<string, DeploymentObservationsPatch> {
  const doc = parsed as { kind?: unknown; deployments?: unknown };
  if (doc?.kind !== 'ExampleObservations' || !isRecord(doc.deployments)) {
    throw new Error(
      'expected kind: ExampleObservations with a `deployments` map of deployment names',
    );
  }
  const ago = (days: unknown, field: string) => {
    if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) {
      throw new Error(
        `${field}: must be a number of days ≥ 0, got ${JSON.stringify(days)}`,
      );
    }
    return new Date(now.getTime() - days * DAY_MS).toISOString();
  };

  const result = new Map<string, DeploymentObservationsPatch>();
  for (const [name, value] of Object.entries(doc.deployments)) {
    const at = `deployments.${name}`;
    if (!isRecord(value)) {
      throw new Error(`${at}: must be a map of observations`);
    }
    const patch: DeploymentObservationsPatch = {};
    if (value.firstSeenDaysAgo !== undefined) {
      patch.firstSeenAt = ago(value.firstSeenDaysAgo, `${at}.firstSeenDaysAgo`);
    }
    if (value.journals !== undefined) {
      if (!Array.isArray(value.journals)) {
        throw new Error(`${at}.journals: must be a list of receipts`);
      }
      patch.journals = value.journals.map(
        (receipt: Record<string, unknown>, i): JournalReceiptObservation => ({
          replica: String(receipt.replica),
          receivedAt: ago(
            receipt.receivedDaysAgo,
            `${at}.journals[${i}].receivedDaysAgo`,
          ),
          ...(receipt.capturedDaysAgo !== undefined && {
            capturedAt: ago(
              receipt.capturedDaysAgo,
              `${at}.journals[${i}].capturedDaysAgo`,
            ),
          }),
        }),
      );
    }
    if (value.gpu !== undefined) {
      if (!isRecord(value.gpu)) {
        throw new Error(`${at}.gpu: must be a map`);
      }
      const { observedDaysAgo, pendingGpuPods, ...gpu } = value.gpu;
      checkGpuDetail(gpu, `${at}.gpu`);
      patch.gpu = {
        ...(gpu as Omit<
          GpuCapacityObservation,
          'observedAt' | 'pendingGpuPods'
        >),
        pendingGpuPods: typeof pendingGpuPods === 'number' ? pendingGpuPods : 0,
        observedAt: ago(observedDaysAgo, `${at}.gpu.observedDaysAgo`),
      };
    }
    if (value.reported !== undefined) {
      if (!isRecord(value.reported)) {
        throw new Error(`${at}.reported: must be a map`);
      }
      const { observedDaysAgo, chartVersion, kubernetesVersion } =
        value.reported;
      patch.reported = {
        ...(typeof chartVersion === 'string' && { chartVersion }),
        ...(typeof kubernetesVersion === 'string' && { kubernetesVersion }),
        observedAt: ago(observedDaysAgo, `${at}.reported.observedDaysAgo`),
      };
    }
    if (value.valuesKeys !== undefined) {
      if (!Array.isArray(value.valuesKeys)) {
        throw new Error(`${at}.valuesKeys: must be a list of dotted keys`);
      }
      patch.valuesKeys = value.valuesKeys.map(String);
    }
    result.set(`customerdeployment:default/${name}`, patch);
  }
  return result;
}

/**
 * Keeps, per replica, the newer of a seeded receipt and one that really arrived, so a journal
 * uploaded in the demo portal survives a restart.
 */
export function mergeJournalReceipts(
  seeded: JournalReceiptObservation[],
  existing: JournalReceiptObservation[] = [],
): JournalReceiptObservation[] {
  const latest = new Map<string, JournalReceiptObservation>();
  for (const receipt of [...seeded, ...existing]) {
    const known = latest.get(receipt.replica);
    if (
      !known ||
      Date.parse(receipt.receivedAt) > Date.parse(known.receivedAt)
    ) {
      latest.set(receipt.replica, receipt);
    }
  }
  return [...latest.values()];
}

/**
 * Seeds the example observations of an `ExampleObservations` file. Each start moves the seeded
 * times to "now", except journals that really arrived since.
 */
export async function seedExampleObservations(options: {
  file: string;
  observations: FleetObservationWriter;
  logger: LoggerService;
  now?: Date;
}): Promise<void> {
  const { file, observations, logger } = options;
  const patches = readExampleObservations(
    parse(await fs.readFile(path.resolve(file), 'utf8')),
    options.now ?? new Date(),
  );
  for (const [entityRef, patch] of patches) {
    await observations.setObservations(entityRef, current => ({
      ...patch,
      ...(patch.journals && {
        journals: mergeJournalReceipts(patch.journals, current.journals),
      }),
    }));
  }
  logger.info(
    `Seeded example observations for ${patches.size} deployments from ${file}`,
  );
}

const oneOf = (
  value: unknown,
  allowed: readonly string[],
  field: string,
): void => {
  if (value !== undefined && !allowed.includes(value as string)) {
    throw new Error(
      `${field}: must be one of ${allowed.join(', ')}, got ${JSON.stringify(
        value,
      )}`,
    );
  }
};

/**
 * Checks the node-level detail of a GPU observation where a typo would silently change what
 * the GPU card and the packing show: the enums, the lists, and that every pod of the
 * deployment runs on a listed node.
 */
function checkGpuDetail(gpu: Record<string, unknown>, at: string): void {
  oneOf(gpu.podScope, ['namespace', 'cluster'], `${at}.podScope`);
  oneOf(gpu.dra, ['read', 'absent', 'unreadable'], `${at}.dra`);
  for (const list of ['nodes', 'deploymentPods', 'pendingPods']) {
    if (gpu[list] !== undefined && !Array.isArray(gpu[list])) {
      throw new Error(`${at}.${list}: must be a list`);
    }
  }
  const nodes = new Set(
    ((gpu.nodes ?? []) as Array<{ name?: unknown }>).map(n => n.name),
  );
  ((gpu.deploymentPods ?? []) as Array<{ node?: unknown }>).forEach(
    (pod, i) => {
      if (pod.node !== undefined && !nodes.has(pod.node)) {
        throw new Error(
          `${at}.deploymentPods[${i}].node: names no node of ${at}.nodes, got ${JSON.stringify(
            pod.node,
          )}`,
        );
      }
    },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The demo portal's observations of the example fleet (`fleet.examples.observations`, an
 * `ExampleObservations` file such as examples/observations.yaml), written at every start
 * through the fleet's observations extension point, so the example fleet shows every status
 * on whatever day the portal is started.
 */
export default createBackendModule({
  pluginId: 'fleet',
  moduleId: 'fleetdeck-example-observations',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        observations: fleetObservationsExtensionPoint,
      },
      async init({ config, logger, observations }) {
        const file = config.getOptionalString('fleet.examples.observations');
        if (!file) {
          return;
        }
        observations.addSeeder({
          seed: writer =>
            seedExampleObservations({ file, observations: writer, logger }),
        });
      },
    });
  },
});
