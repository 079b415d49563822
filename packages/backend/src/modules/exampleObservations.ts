import { createHash } from 'node:crypto';
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
  dottedValuesKeys,
  parseValuesDocument,
  type BackupObservation,
  type BundleObservation,
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
    if (value.values !== undefined) {
      patch.values = readValues(value.values, `${at}.values`, ago);
      patch.valuesKeys = dottedValuesKeys(patch.values.parsed);
    }
    if (value.bundles !== undefined) {
      patch.bundles = listOf(value.bundles, `${at}.bundles`).map((b, i) =>
        readBundle(b, `${at}.bundles[${i}]`, name, ago),
      );
    }
    if (value.backups !== undefined) {
      patch.backups = listOf(value.backups, `${at}.backups`).map((b, i) =>
        readBackup(b, `${at}.backups[${i}]`, name, ago),
      );
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

type Ago = (days: unknown, field: string) => string;

/** Example ids and checksums: stable per deployment and name, plainly not of real files. */
const exampleSha256 = (...parts: string[]) =>
  createHash('sha256')
    .update(`example:${parts.join(':')}`)
    .digest('hex');

function listOf(value: unknown, at: string): Record<string, unknown>[] {
  if (!Array.isArray(value) || !value.every(isRecord)) {
    throw new Error(`${at}: must be a list of maps`);
  }
  return value;
}

function stringField(
  value: Record<string, unknown>,
  field: string,
  at: string,
) {
  const text = value[field];
  if (typeof text !== 'string' || !text) {
    throw new Error(`${at}.${field}: must be a string`);
  }
  return text;
}

/** A values document as onboarding or an upload would have recorded it. */
function readValues(value: unknown, at: string, ago: Ago) {
  if (!isRecord(value)) {
    throw new Error(`${at}: must be a map with document and recordedDaysAgo`);
  }
  oneOf(value.source, ['onboarding', 'upload'], `${at}.source`);
  const document = stringField(value, 'document', at);
  return {
    document,
    source: (value.source ?? 'onboarding') as 'onboarding' | 'upload',
    recordedAt: ago(value.recordedDaysAgo, `${at}.recordedDaysAgo`),
    sha256: createHash('sha256').update(document).digest('hex'),
    // as the fleet backend records values: parsed (and checked for secrets) once
    parsed: parseValuesDocument(document).toJS(),
  };
}

/** An update bundle handed out, and what the site's verify-bundle.sh said of it. */
function readBundle(
  value: Record<string, unknown>,
  at: string,
  deployment: string,
  ago: Ago,
): BundleObservation {
  oneOf(value.verification, ['verified', 'failed'], `${at}.verification`);
  const target = stringField(value, 'target', at);
  const bundle: BundleObservation = {
    id: exampleSha256(deployment, 'bundle', target),
    from: stringField(value, 'from', at),
    target,
    deliveredAt: ago(value.deliveredDaysAgo, `${at}.deliveredDaysAgo`),
    deliveredBy: stringField(value, 'deliveredBy', at),
  };
  if (value.verification !== undefined) {
    bundle.verification = value.verification as 'verified' | 'failed';
    bundle.verifiedAt = ago(value.verifiedDaysAgo, `${at}.verifiedDaysAgo`);
  }
  if (value.failedFiles !== undefined) {
    bundle.failedFiles = listOfStrings(value.failedFiles, `${at}.failedFiles`);
  }
  return bundle;
}

/** The manifest a database's backup job wrote beside its latest dump. */
function readBackup(
  value: Record<string, unknown>,
  at: string,
  deployment: string,
  ago: Ago,
): BackupObservation {
  const component = stringField(value, 'component', at);
  const { bytes, retentionDays } = value;
  if (typeof bytes !== 'number' || bytes < 1) {
    throw new Error(`${at}.bytes: must be a number of bytes ≥ 1`);
  }
  if (typeof retentionDays !== 'number' || retentionDays < 1) {
    throw new Error(`${at}.retentionDays: must be a number of days ≥ 1`);
  }
  return {
    component,
    database: stringField(value, 'database', at),
    takenAt: ago(value.takenDaysAgo, `${at}.takenDaysAgo`),
    bytes,
    sha256: exampleSha256(deployment, 'backup', component),
    retentionDays,
    receivedAt: ago(value.receivedDaysAgo, `${at}.receivedDaysAgo`),
  };
}

function listOfStrings(value: unknown, at: string): string[] {
  if (!Array.isArray(value) || !value.every(v => typeof v === 'string')) {
    throw new Error(`${at}: must be a list of file names`);
  }
  return value;
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
