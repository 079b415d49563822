import fs from 'node:fs';
import path from 'node:path';
import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  describeSecretLike,
} from '@fleetdeck/plugin-fleet-common';
import type { JournalService } from './JournalService';
import { parseReportJson } from '../reports/parseReportJson';
import type { StatusReportService } from '../reports/StatusReportService';

/**
 * Status reports, bundle verifications and backup manifests are JSON (`<deployment>/*.json`);
 * journals never are `.json`.
 */
const isDocumentFile = (file: string) => file.toLowerCase().endsWith('.json');

/**
 * Takes one JSON document of a `kind` other than a status report, dropped for a deployment,
 * and says what became of it. Throws as the API would: `InputError` / `NotFoundError` refuse
 * the file, anything else leaves it for the next run.
 */
export type InboxDocumentHandler = (
  entityRef: string,
  document: unknown,
  credentials: BackstageCredentials,
) => Promise<{ message: string }>;

/** The `kind` of a parsed JSON document, when it has one. */
function kindOf(document: unknown): string | undefined {
  const kind =
    document && typeof document === 'object'
      ? (document as { kind?: unknown }).kind
      : undefined;
  return typeof kind === 'string' ? kind : undefined;
}

/** A file's path for the logs; a name that looks like a key or token is not repeated. */
function shown(file: string): string {
  const kind = describeSecretLike(path.basename(file));
  return kind
    ? path.join(path.dirname(file), `(a name that looks like ${kind})`)
    : file;
}

/** Folders of the inbox that hold files already handled; never read as deployments. */
export const PROCESSED_DIR = 'processed';
export const REJECTED_DIR = 'rejected';

/** What one pass over the inbox did. */
export interface JournalInboxRunResult {
  /** Files ingested (new or already received) and moved to `processed/`. */
  processed: string[];
  /** Files refused and moved to `rejected/`, beside a `.error.txt`. */
  rejected: string[];
  /** Files left in place after an error on our side (database, catalog…), for the next run. */
  failed: string[];
}

/**
 * The deployment an inbox folder is for: `<name>` in the default namespace, or
 * `<namespace>.<name>`. Namespaces cannot contain dots, so the first dot splits; a
 * deployment in the default namespace whose name has a dot is written `default.<name>`.
 */
export function deploymentRefOfFolder(folder: string): string {
  const dot = folder.indexOf('.');
  const [namespace, name] =
    dot === -1
      ? ['default', folder]
      : [folder.slice(0, dot), folder.slice(dot + 1)];
  return stringifyEntityRef({
    kind: CUSTOMER_DEPLOYMENT_KIND,
    namespace,
    name,
  });
}

/** Whether an error is the file's fault (refuse it) rather than ours (try again later). */
function isRefusal(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return (
    name === 'InputError' ||
    name === 'PayloadTooLargeError' ||
    name === 'NotFoundError'
  );
}

const isHidden = (name: string) => name.startsWith('.');

/**
 * Moves a file without ever replacing another: `name`, else `name.1`, `name.2`… A hard link
 * then an unlink never overwrites; where links are not supported, a checked rename is used.
 * Returns where the file went.
 */
async function moveAside(from: string, to: string): Promise<string> {
  await fs.promises.mkdir(path.dirname(to), { recursive: true });
  for (let n = 0; ; n++) {
    const target = n === 0 ? to : `${to}.${n}`;
    try {
      await fs.promises.link(from, target);
      await fs.promises.unlink(from);
      return target;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        continue;
      }
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') {
        throw error;
      }
      const taken = await fs.promises.access(target).then(
        () => true,
        (accessError: NodeJS.ErrnoException) => {
          if (accessError.code === 'ENOENT') {
            return false;
          }
          throw accessError;
        },
      );
      if (!taken) {
        await fs.promises.rename(from, target);
        return target;
      }
    }
  }
}

/**
 * The journal inbox: a folder where a customer's process (the generated backup CronJob, a
 * sync from their bucket, an operator) drops journals, laid out as
 *
 * ```
 * <inbox>/<deployment>/<pod>/journal-YYYYMMDD-HHMMSS.tar.gz   a per-pod volume's backup
 * <inbox>/<deployment>/journal-YYYYMMDD-HHMMSS.tar.gz         a shared volume's backup
 * <inbox>/<deployment>/<pod>/journal                          a raw journal
 * <inbox>/<deployment>/status-*.json                           a status report (any .json)
 * <inbox>/<deployment>/bundle-verification.json                 what verify-bundle.sh found
 * <inbox>/<deployment>/<component>-<stamp>.manifest.json        a backup job's manifest
 * ```
 *
 * A JSON file is dispatched by its `kind`: `BundleVerification` and `BackupManifest` to their
 * handlers, anything else is read as a status report (whose check names a wrong kind).
 *
 * Each pass ingests every file once, oldest first: after success it is moved to
 * `processed/<same path>`; when it is refused, to `rejected/<same path>` with
 * `<file>.error.txt` beside it saying why. A file that fails on our side (database or catalog
 * unavailable) stays for the next pass. Hidden files and files modified in the last
 * `minFileAgeMs` (still being written) are left alone. Nothing is ever deleted.
 */
export class JournalInbox {
  private readonly root: string;
  private readonly minFileAgeMs: number;
  private readonly journals: JournalService;
  private readonly reports: {
    service: StatusReportService;
    maxBytes: number;
  };
  private readonly documents: Record<string, InboxDocumentHandler>;
  private readonly auth: AuthService;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    root: string;
    minFileAgeMs: number;
    journals: JournalService;
    /** Status reports dropped beside journals. */
    reports: { service: StatusReportService; maxBytes: number };
    /** Handlers of the other JSON documents, by `kind` (`BundleVerification`, `BackupManifest`). */
    documents?: Record<string, InboxDocumentHandler>;
    auth: AuthService;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.reports = options.reports;
    this.documents = options.documents ?? {};
    this.root = options.root;
    this.minFileAgeMs = options.minFileAgeMs;
    this.journals = options.journals;
    this.auth = options.auth;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  async run(): Promise<JournalInboxRunResult> {
    const result: JournalInboxRunResult = {
      processed: [],
      rejected: [],
      failed: [],
    };
    await fs.promises.mkdir(this.root, { recursive: true });
    const files = await this.findFiles();
    for (const file of files) {
      await this.handle(file, result);
    }
    if (files.length > 0) {
      this.logger.info(
        `Journal inbox: ${result.processed.length} processed, ${result.rejected.length} rejected, ${result.failed.length} left for the next run`,
      );
    }
    return result;
  }

  /** Files ready to ingest, relative to the root, oldest first. */
  private async findFiles(): Promise<string[]> {
    const cutoff = this.now().getTime() - this.minFileAgeMs;
    const found: Array<{ file: string; mtime: number }> = [];
    const walk = async (relative: string, depth: number) => {
      const dir = path.join(this.root, relative);
      for (const entry of await fs.promises.readdir(dir, {
        withFileTypes: true,
      })) {
        const child = path.join(relative, entry.name);
        if (isHidden(entry.name)) {
          continue;
        }
        if (
          depth === 0 &&
          (entry.name === PROCESSED_DIR || entry.name === REJECTED_DIR)
        ) {
          continue;
        }
        if (entry.isDirectory()) {
          if (depth < 2) {
            await walk(child, depth + 1);
          } else {
            this.logger.warn(
              `Journal inbox: ignoring folder ${child}; journals go in <deployment>/ or <deployment>/<pod>/`,
            );
          }
        } else if (entry.isFile()) {
          const stat = await fs.promises
            .stat(path.join(this.root, child))
            .catch((error: NodeJS.ErrnoException) => {
              // Moved away since the folder was listed: nothing to do.
              if (error.code === 'ENOENT') {
                return undefined;
              }
              throw error;
            });
          if (stat && (this.minFileAgeMs <= 0 || stat.mtimeMs <= cutoff)) {
            found.push({ file: child, mtime: stat.mtimeMs });
          }
        }
      }
    };
    await walk('', 0);
    return found
      .sort((a, b) => a.mtime - b.mtime || a.file.localeCompare(b.file))
      .map(f => f.file);
  }

  /** A JSON document file, parsed; `InputError` when too large or not JSON. */
  private async readDocument(absolute: string, file: string): Promise<unknown> {
    const maxBytes = this.reports.maxBytes;
    const { size } = await fs.promises.stat(absolute);
    if (size > maxBytes) {
      throw new InputError(
        `${file} is larger than ${maxBytes} bytes (fleet.reports.maxBytes); is it really a status report, bundle verification or backup manifest?`,
      );
    }
    return parseReportJson(await fs.promises.readFile(absolute, 'utf8'), file);
  }

  private async handle(
    file: string,
    result: JournalInboxRunResult,
  ): Promise<void> {
    const absolute = path.join(this.root, file);
    const segments = file.split(path.sep);
    try {
      if (segments.length < 2) {
        throw new InputError(
          `${file} is not in a deployment's folder; put journals in <deployment>/ or <deployment>/<pod>/ of the inbox`,
        );
      }
      const entityRef = deploymentRefOfFolder(segments[0]);
      const credentials = await this.auth.getOwnServiceCredentials();
      if (isDocumentFile(file)) {
        const document = await this.readDocument(absolute, file);
        const kind = kindOf(document);
        const handler = kind === undefined ? undefined : this.documents[kind];
        const outcome = handler
          ? await handler(entityRef, document, credentials)
          : await this.reports.service.accept(entityRef, document, credentials);
        const moved = await moveAside(
          absolute,
          path.join(this.root, PROCESSED_DIR, file),
        );
        result.processed.push(file);
        this.logger.info(
          `Journal inbox: ${handler ? kind : 'status report'} ${shown(
            file,
          )} → ${shown(path.relative(this.root, moved))} (${outcome.message})`,
        );
        return;
      }
      const target = await this.journals.getTarget(entityRef, credentials);
      const content = fs.createReadStream(absolute, {
        highWaterMark: 1024 * 1024,
      });
      const ingested = await this.journals
        .ingest({
          target,
          content,
          replica: segments.length === 3 ? segments[1] : undefined,
          fileName: path.basename(file),
          source: 'inbox',
        })
        .finally(() => content.destroy());
      const moved = await moveAside(
        absolute,
        path.join(this.root, PROCESSED_DIR, file),
      );
      result.processed.push(file);
      this.logger.info(
        `Journal inbox: ${shown(file)} → ${shown(
          path.relative(this.root, moved),
        )} (${ingested.receipts
          .map(r => `${r.replica}${r.duplicate ? ' already received' : ''}`)
          .join(', ')})`,
      );
    } catch (error) {
      if (!isRefusal(error)) {
        result.failed.push(file);
        this.logger.error(
          `Journal inbox: ${shown(
            file,
          )} could not be ingested now; it stays for the next run: ${error}`,
        );
        return;
      }
      const message = (error as Error).message;
      let moved: string;
      try {
        moved = await moveAside(
          absolute,
          path.join(this.root, REJECTED_DIR, file),
        );
        await fs.promises.writeFile(
          `${moved}.error.txt`,
          `${this.now().toISOString()} ${message}\n`,
        );
      } catch (moveError) {
        result.failed.push(file);
        this.logger.error(
          `Journal inbox: ${shown(
            file,
          )} was refused (${message}) but could not be moved to ${REJECTED_DIR}/: ${moveError}`,
        );
        return;
      }
      result.rejected.push(file);
      this.logger.warn(
        `Journal inbox: rejected ${shown(file)} → ${shown(
          path.relative(this.root, moved),
        )}: ${message}`,
      );
    }
  }
}
