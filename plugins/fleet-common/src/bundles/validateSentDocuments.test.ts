import { MAX_FAILED_FILES } from './renderVerifyBundle';
import schema from './schema/BundleVerification.v1alpha1.schema.json';
import { validateBackupManifest as validateBackup } from './validateBackupManifest';
import { validateBundleVerification as validateVerification } from './validateBundleVerification';

const NOW = new Date('2026-12-04T12:00:00Z');
const validateBundleVerification = (value: unknown) =>
  validateVerification(value, { now: NOW });
const validateBackupManifest = (value: unknown) =>
  validateBackup(value, { now: NOW });

const HEX = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const OTHER_HEX =
  '05e074fc65b241251826fca53479f01fa161b0a49766ef4eedd8eabf4dbcda22';
const API_KEY = '3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c';

/** The message of the error `run` throws; fails the test when it throws none. */
function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error, got none');
}

const verification = (spec: Record<string, unknown> = {}, top = {}) => ({
  apiVersion: 'fleetdeck.io/v1alpha1',
  kind: 'BundleVerification',
  spec: {
    manifestSha256: HEX,
    sumsSha256: OTHER_HEX,
    result: 'verified',
    failed: [],
    checked: 9,
    checkedAt: '2026-12-04T10:00:00Z',
    ...spec,
  },
  ...top,
});

const backup = (spec: Record<string, unknown> = {}, top = {}) => ({
  apiVersion: 'fleetdeck.io/v1alpha1',
  kind: 'BackupManifest',
  spec: {
    component: 'transcripts-db',
    database: 'transcripts',
    takenAt: '2026-12-04T02:00:07Z',
    bytes: 7340032,
    sha256: HEX,
    retentionDays: 30,
    file: 'transcripts-db-20261204-020000.dump',
    ...spec,
  },
  ...top,
});

describe('validateBundleVerification', () => {
  it.each([
    ['a verified bundle', verification()],
    [
      'a failed one naming its files',
      verification({
        result: 'failed',
        failed: ['images/engine-release-260812.tar', 'MANIFEST.json'],
      }),
    ],
    [
      'a time with an offset and fractions',
      verification({ checkedAt: '2026-12-04T11:00:00.250+01:00' }),
    ],
    [
      'a clock a little ahead of the portal',
      verification({ checkedAt: '2026-12-04T12:40:00Z' }),
    ],
  ])('accepts %s, returning it', (_, value) => {
    expect(validateBundleVerification(value)).toEqual(value);
  });

  it.each([
    [
      'not an object',
      'verified',
      /must be a JSON object of kind BundleVerification/,
    ],
    [
      'an unknown field',
      verification({ deployment: 'acme-prod' }),
      /spec\.deployment: is not a field of a BundleVerification here; allowed: manifestSha256, sumsSha256, result, failed, checked, checkedAt/,
    ],
    [
      'an unknown top-level field',
      verification({}, { metadata: {} }),
      /metadata: is not a field of a BundleVerification here; allowed: apiVersion, kind, spec/,
    ],
    [
      'another kind',
      verification({}, { kind: 'BackupManifest' }),
      /kind: must be BundleVerification/,
    ],
    [
      'a short manifest sha256',
      verification({ manifestSha256: HEX.slice(0, 40) }),
      /spec\.manifestSha256: must be the bundle's id, the hex sha256 of its MANIFEST\.json \(64 lowercase hex digits\)/,
    ],
    [
      'an uppercase sums sha256',
      verification({ sumsSha256: OTHER_HEX.toUpperCase() }),
      /spec\.sumsSha256: must be the hex sha256 of the SHA256SUMS file/,
    ],
    [
      'another result',
      verification({ result: 'ok' }),
      /spec\.result: must be "verified" or "failed"/,
    ],
    [
      'a date without a time',
      verification({ checkedAt: '2026-12-04' }),
      /spec\.checkedAt: must be the time of the check, ISO 8601 with a zone/,
    ],
    [
      'an impossible date',
      verification({ checkedAt: '2026-13-45T10:00:00Z' }),
      /spec\.checkedAt: must be the time of the check/,
    ],
    [
      'a time ahead of the portal by more than an hour',
      verification({ checkedAt: '2026-12-04T13:30:00Z' }),
      /spec\.checkedAt: must be the time of the check; 2026-12-04T13:30:00Z is ahead of the portal's clock \(2026-12-04T12:00:00\.000Z\) — check the clock/,
    ],
    [
      'the epoch of an unset clock',
      verification({ checkedAt: '1970-01-01T00:00:00Z' }),
      /spec\.checkedAt: must be the time of the check; 1970-01-01T00:00:00Z is before 2000/,
    ],
    [
      'a failed file outside the bundle',
      verification({ result: 'failed', failed: ['../../etc/passwd'] }),
      /spec\.failed\[0\]: must be a file of the bundle/,
    ],
    [
      'an absolute failed file',
      verification({ result: 'failed', failed: ['/etc/passwd'] }),
      /spec\.failed\[0\]: must be a file of the bundle/,
    ],
    [
      'more than 100 failed files',
      verification({
        result: 'failed',
        failed: Array.from({ length: 101 }, (_, i) => `images/x-${i}.tar`),
      }),
      /spec\.failed: must be a list of at most 100 different bundle files/,
    ],
    [
      'a file failed twice',
      verification({
        result: 'failed',
        failed: ['MANIFEST.json', 'MANIFEST.json'],
      }),
      /spec\.failed: must be a list of at most 100 different bundle files/,
    ],
    [
      'a negative count',
      verification({ checked: -1 }),
      /spec\.checked: must be how many files were checked, a whole number from 0 to 10000/,
    ],
    [
      'a fractional count',
      verification({ checked: 2.5 }),
      /spec\.checked: must be how many files were checked/,
    ],
    [
      'verified with failed files',
      verification({ failed: ['MANIFEST.json'] }),
      /spec\.failed: must be empty when result is "verified"/,
    ],
    [
      'verified having checked nothing',
      verification({ checked: 0 }),
      /spec\.checked: must be at least 1 when result is "verified"/,
    ],
    [
      'failed without naming a file',
      verification({ result: 'failed' }),
      /spec\.failed: must name the files that failed/,
    ],
    [
      'a missing field',
      {
        apiVersion: 'fleetdeck.io/v1alpha1',
        kind: 'BundleVerification',
        spec: { result: 'verified' },
      },
      /spec\.manifestSha256: is required: the bundle's id/,
    ],
    [
      'an API key as a failed file name',
      verification({ result: 'failed', failed: [API_KEY] }),
      /spec\.failed\[0\]: looks like an API or license key \(not shown\)/,
    ],
  ])('refuses %s, naming the field', (_, value, message) => {
    const error = errorOf(() => validateBundleVerification(value));
    expect(error).toMatch(
      /^not a valid BundleVerification \(use the one verify-bundle\.sh wrote\): /,
    );
    expect(error).toMatch(message);
    expect(error).not.toContain(API_KEY);
  });
});

it('refuses as many failed files as verify-bundle.sh reports, and no more', () => {
  expect(schema.properties.spec.properties.failed.maxItems).toBe(
    MAX_FAILED_FILES,
  );
});

describe('validateBackupManifest', () => {
  it.each([
    ['a daily dump', backup()],
    [
      'a database name with underscores',
      backup({ database: 'dg_transcripts' }),
    ],
    ['a year of retention', backup({ retentionDays: 365 })],
  ])('accepts %s, returning it', (_, value) => {
    expect(validateBackupManifest(value)).toEqual(value);
  });

  it.each([
    [
      'an unknown field',
      backup({ password: 'hunter2' }),
      /spec\.password: is not a field of a BackupManifest here; allowed: component, database, takenAt, bytes, sha256, retentionDays, file/,
    ],
    [
      'a component that is not a Kubernetes name',
      backup({ component: 'Transcripts DB' }),
      /spec\.component: must be the deployment's spec\.databases\[\]\.name/,
    ],
    [
      'a file in another folder',
      backup({ file: '../other/transcripts.dump' }),
      /spec\.file: must be the dump's file name beside the manifest/,
    ],
    [
      'a short sha256',
      backup({ sha256: 'abc123' }),
      /spec\.sha256: must be the hex sha256 of the dump \(64 lowercase hex digits\)/,
    ],
    [
      'an empty dump',
      backup({ bytes: 0 }),
      /spec\.bytes: must be the dump's size in bytes, a whole number from 1 to 1 PiB/,
    ],
    [
      'a size as text',
      backup({ bytes: '7340032' }),
      /spec\.bytes: must be the dump's size in bytes/,
    ],
    [
      'no retention',
      backup({ retentionDays: 0 }),
      /spec\.retentionDays: must be how many days dumps are kept, a whole number from 1 to 3650/,
    ],
    [
      'a retention of centuries',
      backup({ retentionDays: 36500 }),
      /spec\.retentionDays: must be how many days/,
    ],
    [
      'a dump dated tomorrow, which would look fresh for ever',
      backup({ takenAt: '2026-12-05T02:00:00Z' }),
      /spec\.takenAt: must be when the dump was taken; 2026-12-05T02:00:00Z is ahead of the portal's clock/,
    ],
    [
      'a local time without a zone',
      backup({ takenAt: '2026-12-04T02:00:07' }),
      /spec\.takenAt: must be when the dump was taken, ISO 8601 with a zone/,
    ],
    [
      'another apiVersion',
      backup({}, { apiVersion: 'fleetdeck.io/v1' }),
      /apiVersion: must be fleetdeck\.io\/v1alpha1/,
    ],
    [
      'an API key as the database name',
      backup({ database: API_KEY }),
      /spec\.database: looks like an API or license key \(not shown\)/,
    ],
    [
      'a connection string with a password as the database',
      backup({ database: 'postgres://app:s3cretPassw0rd@db:5432/x' }),
      /spec\.database: must be the name of the database dumped, .*got a value that looks like a secret \(not shown\)/,
    ],
  ])('refuses %s, naming the field', (_, value, message) => {
    const error = errorOf(() => validateBackupManifest(value));
    expect(error).toMatch(
      /^not a valid BackupManifest \(use the one the backup CronJob wrote\): /,
    );
    expect(error).toMatch(message);
    expect(error).not.toContain(API_KEY);
    expect(error).not.toContain('s3cretPassw0rd');
  });
});
