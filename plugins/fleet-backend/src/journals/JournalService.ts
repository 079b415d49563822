import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  billingReplicaNames,
  type CustomerDeploymentEntity,
  type JournalReceipt,
  type JournalReceiptObservation,
  type JournalReceiptPage,
} from '@fleetdeck/plugin-fleet-common';
import type { FleetBlobStore } from '@fleetdeck/plugin-fleet-node';
import type { ReadEntry } from 'tar';
import type { FleetStore } from '../database/FleetStore';
import type { DeploymentLookup, StatusRefresh } from '../service/seams';
import {
  captureTimeFromName,
  classifyEntry,
  JOURNAL_FILE_NAME,
  parseTar,
} from './archive';
import { formatBytes, PayloadTooLargeError } from './errors';
import {
  JournalLineValidator,
  type JournalSummary,
} from './JournalLineValidator';
import type {
  JournalReceiptQuery,
  JournalStore,
  NewJournalReceipt,
  RecordedJournalReceipt,
} from './JournalStore';
import { MIN_RATIO_CHECK_BYTES, type JournalLimits } from './options';
import {
  inflateWithinLimits,
  limitBytes,
  peek,
  sniffFormat,
  SNIFF_BYTES,
} from './streams';
import { refuseSecretFileName } from './refuseSecretFileName';

/** A deployment that journals are received for: its ref and its billing replicas. */
export interface JournalTarget {
  entityRef: string;
  /** `deepgram-billing-0 … N-1`. */
  replicas: string[];
}

/** One journal to ingest: an upload or an inbox file. */
export interface JournalIngestRequest {
  target: JournalTarget;
  /** The bytes as sent: a raw journal, or a (gzipped) tar of journals. */
  content: AsyncIterable<Buffer>;
  /** The replica of a journal that does not name its own (a raw journal, or `./journal`). */
  replica?: string;
  /** The file's name, when known: it may carry the capture time. */
  fileName?: string;
  source: JournalReceipt['source'];
}

export interface JournalIngestResult {
  receipts: RecordedJournalReceipt[];
  /** Whether any receipt is new (201), or all were received before (200). */
  created: boolean;
}

/** A replica journal that was read, checked and stored as a blob. */
type StoredJournal = JournalSummary & {
  replica: string;
  sha256: string;
  capturedAt?: Date;
  fileName?: string;
};

/**
 * The most entries an archive may hold: a backup holds a journal (and its folder) per
 * replica, so thousands of entries are a bomb of headers, refused before they are all read.
 */
const MAX_ARCHIVE_ENTRIES = 1024;

/** Refusals listed in one answer; the rest are counted. */
const MAX_PROBLEMS_SHOWN = 10;

/** Content errors (400/413) are the sender's to fix; anything else is ours. */
function isRefusal(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return name === 'InputError' || name === 'PayloadTooLargeError';
}

function isPrematureClose(error: unknown): boolean {
  return (
    (error as NodeJS.ErrnoException | undefined)?.code ===
    'ERR_STREAM_PREMATURE_CLOSE'
  );
}

/**
 * The billing-journal intake: reads an upload or an inbox file as it streams in (never the
 * whole file in memory), checks every journal in it, stores each one as a content-addressed
 * blob, and only then records the receipts, all or none, in the database. Then the
 * deployment's observations get each replica's latest receipt and its status is re-evaluated.
 */
export class JournalService {
  private readonly blobs: FleetBlobStore;
  private readonly receipts: JournalStore;
  private readonly fleetStore: FleetStore;
  private readonly deployments: DeploymentLookup;
  private readonly statuses: StatusRefresh;
  private readonly logger: LoggerService;
  private readonly limits: JournalLimits;
  private readonly now: () => Date;

  constructor(options: {
    blobStore: FleetBlobStore;
    journalStore: JournalStore;
    fleetStore: FleetStore;
    deployments: DeploymentLookup;
    statuses: StatusRefresh;
    logger: LoggerService;
    limits: JournalLimits;
    now?: () => Date;
  }) {
    this.blobs = options.blobStore;
    this.receipts = options.journalStore;
    this.fleetStore = options.fleetStore;
    this.deployments = options.deployments;
    this.statuses = options.statuses;
    this.logger = options.logger;
    this.limits = options.limits;
    this.now = options.now ?? (() => new Date());
  }

  get maxUploadBytes(): number {
    return this.limits.maxUploadBytes;
  }

  /**
   * The deployment journals are received for, read from the catalog with the caller's
   * credentials: 404 when the caller cannot see it, 400 when it does not bill by journal.
   */
  async getTarget(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<JournalTarget> {
    const entity = await this.requireDeployment(entityRef, credentials);
    const billing = entity.spec.billing;
    if (billing?.mode !== 'journal') {
      throw new InputError(
        `${entityRef} does not bill by journal (billing.mode: ${
          billing?.mode ?? 'unset'
        }), so it has no billing journals to receive`,
      );
    }
    return {
      entityRef,
      replicas: billingReplicaNames(billing.replicas ?? 1),
    };
  }

  /** The deployment from the catalog, or a `NotFoundError`. */
  async requireDeployment(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<CustomerDeploymentEntity> {
    const entity = await this.deployments.getDeploymentEntity(
      entityRef,
      credentials,
    );
    if (!entity) {
      throw new NotFoundError(`No deployment ${entityRef}`);
    }
    return entity;
  }

  /**
   * Reads, checks and stores the journals of one upload or inbox file. Throws an
   * `InputError` (400) or `PayloadTooLargeError` (413) that says what to fix, and records
   * nothing, when any journal in it is refused.
   */
  async ingest(request: JournalIngestRequest): Promise<JournalIngestResult> {
    const { target } = request;
    refuseSecretFileName(request.fileName);
    if (request.replica && !target.replicas.includes(request.replica)) {
      throw new InputError(
        `${request.replica} is not a billing replica of ${
          target.entityRef
        }; its replicas are ${target.replicas.join(', ')}`,
      );
    }
    const name = request.fileName ?? 'The upload';

    const sent = limitBytes(
      request.content,
      this.limits.maxUploadBytes,
      () =>
        new PayloadTooLargeError(
          `${name} is larger than ${formatBytes(
            this.limits.maxUploadBytes,
          )} (fleet.journals.maxUploadBytes); send each replica's journal on its own, or ask an administrator to raise the limit`,
        ),
    );
    try {
      return await this.ingestContent(sent, request, name);
    } finally {
      // However reading ended, let go of the source (an fd; the request's listeners, so that
      // a refused upload can be drained). Not awaited: a read may still be in flight.
      sent
        .return(undefined)
        .catch(error =>
          this.logger.debug(`Closing a journal source failed: ${error}`),
        );
    }
  }

  private async ingestContent(
    sent: AsyncIterable<Buffer>,
    request: JournalIngestRequest,
    name: string,
  ): Promise<JournalIngestResult> {
    const { target } = request;
    let { head, content } = await peek(sent, SNIFF_BYTES);
    let format = sniffFormat(head);
    if (format === 'gzip') {
      const inflated = inflateWithinLimits(content, {
        name,
        maxBytes: this.limits.maxInflatedBytes,
        maxRatio: this.limits.maxInflationRatio,
        minRatioBytes: MIN_RATIO_CHECK_BYTES,
        tooLarge: () =>
          new PayloadTooLargeError(
            `${name} inflates to more than ${formatBytes(
              this.limits.maxInflatedBytes,
            )} (fleet.journals.maxInflatedBytes); an archive of billing journals should be far smaller, so check what was archived`,
          ),
        tooDense: inflatedBytes =>
          new PayloadTooLargeError(
            `${name} inflates to more than ${
              this.limits.maxInflationRatio
            } times its compressed size (fleet.journals.maxInflationRatio), refused after ${formatBytes(
              inflatedBytes,
            )}: billing journals compress about 10 to 20 times, so this looks like an archive bomb; check what was archived`,
          ),
      });
      ({ head, content } = await peek(inflated, SNIFF_BYTES));
      // A gzipped tar, or a gzipped journal.
      format = sniffFormat(head) === 'tar' ? 'tar' : 'journal';
    }

    // Blobs this ingest created: removed again when it is refused or its rows cannot be
    // written, so that nothing is left that no receipt refers to.
    const created: string[] = [];
    let receipts: RecordedJournalReceipt[];
    try {
      const journals =
        format === 'tar'
          ? await this.readArchive(content, request, name, created)
          : [await this.readJournal(content, request, created)];

      const receivedAt = this.now();
      receipts = await this.receipts.insertReceipts(
        journals.map(
          (journal): NewJournalReceipt => ({
            entityRef: target.entityRef,
            replica: journal.replica,
            sha256: journal.sha256,
            bytes: journal.bytes,
            lines: journal.lines,
            ...(journal.capturedAt
              ? { capturedAt: journal.capturedAt.toISOString() }
              : {}),
            warnings: journal.warnings,
            source: request.source,
            ...(journal.fileName ? { fileName: journal.fileName } : {}),
          }),
        ),
        receivedAt,
      );
    } catch (error) {
      await this.removeUnreferenced(created);
      throw error;
    }
    // Also for duplicates: a retry after a failed merge completes it.
    await this.recordObservations(target.entityRef);
    try {
      await this.statuses.refresh(target.entityRef);
    } catch (error) {
      // The receipts are stored; the next scheduled refresh evaluates them.
      this.logger.warn(
        `Journal received for ${target.entityRef}, but its status could not be re-evaluated now: ${error}`,
      );
    }
    for (const receipt of receipts) {
      this.logger.info(
        `${
          receipt.duplicate ? 'Journal already received' : 'Journal received'
        }: ${receipt.entityRef} ${receipt.replica} sha256 ${receipt.sha256} (${
          receipt.bytes
        } bytes, ${receipt.lines} lines, ${request.source}${
          receipt.fileName ? ` ${receipt.fileName}` : ''
        })`,
      );
    }
    return { receipts, created: receipts.some(r => !r.duplicate) };
  }

  /**
   * Removes the blobs an ingest created that no receipt refers to (another upload of the same
   * bytes may have recorded one meanwhile). When the database cannot tell, they are left for
   * the `fleet-blob-sweep` task, which reclaims unreferenced blobs after a grace period.
   */
  private async removeUnreferenced(sha256s: string[]): Promise<void> {
    const { blobs } = this;
    if (sha256s.length === 0 || !blobs.delete) {
      return;
    }
    let referenced: Set<string>;
    try {
      referenced = await this.receipts.referencedBlobs(sha256s);
    } catch (error) {
      this.logger.warn(
        `${sha256s.length} journal blob(s) of a failed ingest are left for the fleet-blob-sweep task: ${error}`,
      );
      return;
    }
    for (const sha256 of sha256s) {
      if (!referenced.has(sha256)) {
        try {
          await blobs.delete(sha256);
        } catch (error) {
          // The refusal or failure being answered is the one that matters.
          this.logger.warn(
            `Journal blob ${sha256} of a failed ingest is left for the fleet-blob-sweep task: ${error}`,
          );
        }
      }
    }
  }

  list(
    entityRef: string,
    query: JournalReceiptQuery,
  ): Promise<JournalReceiptPage> {
    return this.receipts.listReceipts(entityRef, query);
  }

  /** A receipt and its journal's bytes; `NotFoundError` for an unknown receipt. */
  async open(
    entityRef: string,
    id: string,
  ): Promise<{ receipt: JournalReceipt; content: Readable }> {
    const receipt = await this.receipts.getReceipt(entityRef, id);
    if (!receipt) {
      throw new NotFoundError(`No journal receipt ${id} for ${entityRef}`);
    }
    const content = await this.blobs.get(receipt.sha256);
    if (!content) {
      // Rows are written only after their blob is durable: this is lost data.
      throw new Error(
        `The journal of receipt ${id} (sha256 ${receipt.sha256}) is missing from the blob store`,
      );
    }
    return { receipt, content };
  }

  /** A raw (possibly gzipped) journal: one replica's. */
  private async readJournal(
    content: AsyncIterable<Buffer>,
    request: JournalIngestRequest,
    created: string[],
  ): Promise<StoredJournal> {
    const { target } = request;
    const replica =
      request.replica ??
      (target.replicas.length === 1 ? target.replicas[0] : undefined);
    if (!replica) {
      throw new InputError(
        `${target.entityRef} has ${
          target.replicas.length
        } billing replicas (${target.replicas.join(
          ', ',
        )}); say which one this journal belongs to with ?replica=deepgram-billing-N, or send the backup archive`,
      );
    }
    const validator = new JournalLineValidator({
      maxLineBytes: this.limits.maxLineBytes,
      name: request.fileName,
    });
    const [stored, fed] = await Promise.allSettled([
      this.blobs.put(validator).catch(error => {
        // A store that failed without reading on must not leave the upload waiting.
        validator.destroy(error);
        throw error;
      }),
      pipeline(content, validator),
    ]);
    // Prefer the reason the input was refused over the stream that closed because of it.
    if (stored.status === 'fulfilled' && stored.value.created) {
      created.push(stored.value.sha256);
    }
    if (fed.status === 'rejected' && !isPrematureClose(fed.reason)) {
      throw fed.reason;
    }
    if (stored.status === 'rejected') {
      throw stored.reason;
    }
    if (fed.status === 'rejected') {
      throw fed.reason;
    }
    return {
      ...validator.summary,
      replica,
      sha256: stored.value.sha256,
      bytes: stored.value.bytes,
      capturedAt: captureTimeFromName(request.fileName),
      fileName: request.fileName,
    };
  }

  /**
   * A tar of journals, as the backup CronJob writes it. Every entry is checked; refusals are
   * collected so that one answer lists everything to fix, and nothing is recorded unless all
   * entries pass.
   */
  private async readArchive(
    content: AsyncIterable<Buffer>,
    request: JournalIngestRequest,
    name: string,
    created: string[],
  ): Promise<StoredJournal[]> {
    const { target } = request;
    const nameTime = captureTimeFromName(request.fileName);
    const problems: string[] = [];
    const stored: StoredJournal[] = [];
    const pending: Promise<void>[] = [];
    const seen = new Map<string, string>();
    const aborting = new AbortController();
    let fatal: unknown;
    let current: JournalLineValidator | undefined;

    const storeEntry = async (
      entry: ReadEntry,
      replica: string,
      path: string,
    ) => {
      const validator = new JournalLineValidator({
        maxLineBytes: this.limits.maxLineBytes,
        name: path,
      });
      current = validator;
      // A refusal can come before the store starts reading; the store sees it then (a
      // stream that has failed fails every pipeline it is put in).
      validator.on('error', () => undefined);
      // Feed the entry by hand: tar's entries are not Node streams, and a refused entry must
      // still be drained for the archive to be read on.
      validator.once('close', () => entry.resume());
      entry.on('data', (chunk: Buffer) => {
        if (!validator.destroyed && !validator.write(chunk)) {
          entry.pause();
          validator.once('drain', () => entry.resume());
        }
      });
      entry.on('end', () => {
        if (!validator.destroyed) {
          validator.end();
        }
      });
      try {
        const blob = await this.blobs.put(validator).catch(error => {
          // A store that failed without reading on must not leave the archive waiting.
          validator.destroy();
          throw error;
        });
        if (blob.created) {
          created.push(blob.sha256);
        }
        const mtime = entry.mtime;
        stored.push({
          ...validator.summary,
          replica,
          sha256: blob.sha256,
          bytes: blob.bytes,
          capturedAt:
            nameTime ??
            (mtime && !Number.isNaN(mtime.getTime()) ? mtime : undefined),
          fileName: request.fileName ? `${request.fileName}:${path}` : path,
        });
      } finally {
        if (current === validator) {
          current = undefined;
        }
      }
    };

    let entries = 0;
    const onEntry = (entry: ReadEntry) => {
      entries += 1;
      if (entries > MAX_ARCHIVE_ENTRIES) {
        entry.resume();
        if (!fatal) {
          fatal = new PayloadTooLargeError(
            `${name} holds more than ${MAX_ARCHIVE_ENTRIES} entries; an archive of billing journals holds one journal per replica, so check what was archived`,
          );
          aborting.abort(fatal);
        }
        return;
      }
      const kind = classifyEntry(entry.type, entry.path);
      if (kind.kind !== 'journal') {
        entry.resume();
        if (kind.kind === 'refused') {
          problems.push(`${kind.path} ${kind.reason}`);
        }
        return;
      }
      const replica =
        kind.pod ??
        request.replica ??
        (target.replicas.length === 1 ? target.replicas[0] : undefined);
      let problem: string | undefined;
      if (!replica) {
        problem = `${
          kind.path
        } does not say which billing replica it belongs to, and ${
          target.entityRef
        } has ${target.replicas.length} (${target.replicas.join(
          ', ',
        )}): upload it with ?replica=deepgram-billing-N, or archive each replica's journal as journal-<pod>/${JOURNAL_FILE_NAME}`;
      } else if (!target.replicas.includes(replica)) {
        problem = `${
          kind.path
        } is the journal of ${replica}, which is not a billing replica of ${
          target.entityRef
        } (its replicas: ${target.replicas.join(', ')})`;
      } else if (seen.has(replica)) {
        problem = `${
          kind.path
        } is a second journal for ${replica}, after ${seen.get(replica)}`;
      }
      if (problem !== undefined || replica === undefined) {
        problems.push(problem ?? kind.path);
        entry.resume();
        return;
      }
      seen.set(replica, kind.path);
      pending.push(
        storeEntry(entry, replica, kind.path).catch(error => {
          if (isRefusal(error)) {
            problems.push((error as Error).message);
          } else if (!fatal) {
            fatal = error;
            aborting.abort(error);
          }
        }),
      );
    };

    let parseError: unknown;
    try {
      await parseTar({
        source: content,
        name,
        signal: aborting.signal,
        onEntry,
        onAbort: error => current?.destroy(error),
      });
    } catch (error) {
      parseError = error;
    }
    await Promise.all(pending);
    if (fatal) {
      throw fatal;
    }
    if (parseError) {
      throw parseError;
    }
    if (problems.length > 0) {
      const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
      if (problems.length > shown.length) {
        shown.push(`and ${problems.length - shown.length} more`);
      }
      throw new InputError(
        `${name} was refused and nothing was stored: ${shown.join('; ')}`,
      );
    }
    if (stored.length === 0) {
      throw new InputError(
        `${name} holds no billing journal: expected \`${JOURNAL_FILE_NAME}\` or \`journal-<pod>/${JOURNAL_FILE_NAME}\` (the billing container may not be running, or the wrong volume was archived)`,
      );
    }
    return stored.sort((a, b) => a.replica.localeCompare(b.replica));
  }

  /**
   * Puts each replica's latest receipt into the deployment's observations, keeping the newer
   * of what is there (example data, another writer) and what the receipts table says.
   *
   * The merge is taken under the observations row lock (`setObservations` with a function),
   * so that writers in any backend instance cannot overwrite each other's replicas. The
   * receipts are read before the lock, after this upload's receipts were committed: they
   * always hold this upload's own receipts, and the merge keeps the newer receipt per replica,
   * so whatever order writers take the lock in, every writer's receipts end up stored. (Reading
   * them inside the lock would need a second connection while the transaction holds one, which
   * SQLite's single connection cannot give.)
   */
  private async recordObservations(entityRef: string): Promise<void> {
    const latest = await this.receipts.latestReceipts(entityRef);
    await this.fleetStore.setObservations(entityRef, stored => {
      const merged = new Map<string, JournalReceiptObservation>();
      for (const receipt of [...(stored.journals ?? []), ...latest]) {
        const kept = merged.get(receipt.replica);
        if (
          !kept ||
          new Date(kept.receivedAt).getTime() <
            new Date(receipt.receivedAt).getTime()
        ) {
          merged.set(receipt.replica, receipt);
        }
      }
      return {
        journals: [...merged.values()].sort((a, b) =>
          a.replica.localeCompare(b.replica),
        ),
      };
    });
  }
}
