import path from 'node:path';
import { type RootConfigService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** Limits that every journal upload and inbox file is held to. */
export interface JournalLimits {
  /** Bytes of one upload as sent (compressed, for an archive). */
  maxUploadBytes: number;
  /** Bytes an archive may inflate to, over all its entries. */
  maxInflatedBytes: number;
  /**
   * How many times its compressed size a gzipped upload may inflate to, checked as it
   * streams (once past {@link MIN_RATIO_CHECK_BYTES}), so that a bomb is refused early.
   */
  maxInflationRatio: number;
  /** Bytes of one journal line; a billing journal line is one small JSON object. */
  maxLineBytes: number;
}

/** `fleet.journals`, with defaults applied. */
export interface JournalOptions extends JournalLimits {
  /** The folder of the default blob store, absolute. */
  blobStorePath: string;
  /** Whether `blobStorePath` was configured or is the default. */
  blobStorePathConfigured: boolean;
  inbox?: {
    /** The inbox folder, absolute. */
    path: string;
    /** Files modified more recently than this are left for the next run (still being written). */
    minFileAgeMs: number;
  };
}

const GiB = 1024 ** 3;

/**
 * Inflated bytes below which the ratio is not checked: a small archive of a short journal is
 * mostly tar's zero padding, which compresses far better than any journal.
 */
export const MIN_RATIO_CHECK_BYTES = 1024 ** 2;

export const DEFAULT_JOURNAL_LIMITS: JournalLimits = {
  maxUploadBytes: 2 * GiB,
  maxInflatedBytes: 8 * GiB,
  // Billing journals (JSON lines) compress about 10 to 20 times; zeros, over 1000 times.
  maxInflationRatio: 200,
  maxLineBytes: 1024 ** 2,
};

export const DEFAULT_BLOB_STORE_PATH = '.data/journals';

const DEFAULT_MIN_FILE_AGE = { seconds: 30 };

function positiveInteger(config: RootConfigService, key: string) {
  const value = config.getOptionalNumber(key);
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) {
    throw new Error(
      `Invalid ${key} ${value}; it must be a whole number, 1 or more`,
    );
  }
  return value;
}

/**
 * Reads `fleet.journals`. Relative folders are resolved against the backend's working
 * directory (`packages/backend` when the portal is started with `yarn start`).
 */
export function readJournalOptions(config: RootConfigService): JournalOptions {
  const limits: JournalLimits = {
    maxUploadBytes:
      positiveInteger(config, 'fleet.journals.maxUploadBytes') ??
      DEFAULT_JOURNAL_LIMITS.maxUploadBytes,
    maxInflatedBytes:
      positiveInteger(config, 'fleet.journals.maxInflatedBytes') ??
      DEFAULT_JOURNAL_LIMITS.maxInflatedBytes,
    maxInflationRatio:
      positiveInteger(config, 'fleet.journals.maxInflationRatio') ??
      DEFAULT_JOURNAL_LIMITS.maxInflationRatio,
    maxLineBytes:
      positiveInteger(config, 'fleet.journals.maxLineBytes') ??
      DEFAULT_JOURNAL_LIMITS.maxLineBytes,
  };

  const blobStorePath = config.getOptionalString(
    'fleet.journals.blobStore.path',
  );

  let inbox: JournalOptions['inbox'];
  const inboxPath = config.getOptionalString('fleet.journals.inbox.path');
  if (inboxPath) {
    const minFileAge = config.has('fleet.journals.inbox.minFileAge')
      ? readDurationFromConfig(config, {
          key: 'fleet.journals.inbox.minFileAge',
        })
      : DEFAULT_MIN_FILE_AGE;
    inbox = {
      path: path.resolve(inboxPath),
      minFileAgeMs: durationToMilliseconds(minFileAge),
    };
  }

  return {
    ...limits,
    blobStorePath: path.resolve(blobStorePath ?? DEFAULT_BLOB_STORE_PATH),
    blobStorePathConfigured: blobStorePath !== undefined,
    inbox,
  };
}
