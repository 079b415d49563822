/*
 * Pure functions that turn a CustomerDeployment's spec into the words a solutions engineer
 * uses. No React, no clock of their own: callers pass `now`, so tests and every card agree.
 */
import {
  calendarDaysFrom,
  CustomerDeploymentSpec,
  DEPLOYMENT_PROFILES,
  DeploymentBilling,
  DeploymentGpu,
  DeploymentProfile,
  describeIsoDuration,
  describeRelativeDays,
  JournalStorage,
  parseCalendarDate,
  plural,
} from '@fleetdeck/plugin-fleet-common';

const PROFILE_WORDS: Record<DeploymentProfile, string> = {
  saas: 'SaaS-adjacent',
  connected: 'Connected on-prem',
  airgapped: 'Air-gapped',
};

function isKnownProfile(profile: string): profile is DeploymentProfile {
  return (DEPLOYMENT_PROFILES as readonly string[]).includes(profile);
}

/** `airgapped` → `Air-gapped`; an unknown profile is shown as written. */
export function describeProfile(profile: string): string {
  return isKnownProfile(profile) ? PROFILE_WORDS[profile] : profile;
}

/** `deepgram-self-hosted 0.40.2` */
export function describeChart(chart: CustomerDeploymentSpec['chart']): string {
  return `${chart.name} ${chart.version}`;
}

/** `1.31 · namespace dg-self-hosted · cluster acme-eks` */
export function describeCluster(
  cluster: CustomerDeploymentSpec['cluster'],
): string {
  return [
    cluster.kubernetesVersion,
    `namespace ${cluster.namespace}`,
    cluster.name && `cluster ${cluster.name}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Whole calendar days from today (UTC) to `date` (a `YYYY-MM-DD` string): 0 today, 1 tomorrow,
 * -1 yesterday. Undefined when the date is not a real calendar date.
 */
export function daysUntil(date: string, now: Date): number | undefined {
  return parseCalendarDate(date) ? calendarDaysFrom(date, now) : undefined;
}

/**
 * How a license's expiry reads. `expiresAt` is the license's last valid day, so a license is
 * still good on that day and `expired` from the next.
 */
export type LicenseExpiry =
  | { readable: true; date: string; expired: boolean; relative: string }
  | { readable: false; date: string };

/** Reads a license's `expiresAt` against `now`. */
export function readLicenseExpiry(expiresAt: string, now: Date): LicenseExpiry {
  const days = daysUntil(expiresAt, now);
  if (days === undefined) {
    return { readable: false, date: expiresAt };
  }
  return {
    readable: true,
    date: expiresAt,
    expired: days < 0,
    relative: describeRelativeDays(days),
  };
}

/** What a deployment without a license on file means for its profile. */
function describeNoLicense(profile: string): string {
  return profile === 'airgapped'
    ? 'No license on file'
    : `Not required (${describeProfile(profile)})`;
}

/**
 * The license in one line: `LIC-ACME-7, expires 2027-03-31 (in 12 days)`,
 * `LIC-ACME-7, expired 2027-03-01 (9 days ago)`; without a license, `No license on file` for
 * an air-gapped deployment and `Not required (Connected on-prem)` or `Not required (SaaS-adjacent)`
 * for the others.
 */
export function describeLicense(
  spec: Pick<CustomerDeploymentSpec, 'profile' | 'license'>,
  now: Date,
): string {
  const { license } = spec;
  if (!license) {
    return describeNoLicense(spec.profile);
  }
  const expiry = readLicenseExpiry(license.expiresAt, now);
  if (!expiry.readable) {
    return `${license.id}, expiry date not readable ("${expiry.date}")`;
  }
  return `${license.id}, ${expiry.expired ? 'expired' : 'expires'} ${
    expiry.date
  } (${expiry.relative})`;
}

/**
 * The license expiry alone, for a table column: `2027-03-31 (in 12 days)`,
 * `2027-03-01 (expired 9 days ago)`, or the words for no license.
 */
export function describeLicenseExpiry(
  spec: Pick<CustomerDeploymentSpec, 'profile' | 'license'>,
  now: Date,
): string {
  const { license } = spec;
  if (!license) {
    return describeNoLicense(spec.profile);
  }
  const expiry = readLicenseExpiry(license.expiresAt, now);
  if (!expiry.readable) {
    return `not readable ("${expiry.date}")`;
  }
  return `${expiry.date} (${expiry.expired ? 'expired ' : ''}${
    expiry.relative
  })`;
}

function describeJournalStorage(
  storage: JournalStorage,
  existingPvcName: string | undefined,
): string {
  switch (storage) {
    case 'ebs':
      return 'EBS (per-pod claims)';
    case 'efs':
      return 'a shared EFS volume';
    case 'existing-pvc':
      return existingPvcName
        ? `the existing claim ${existingPvcName}`
        : 'an existing claim';
    default:
      return storage;
  }
}

/**
 * Billing in one line: `Journal billing · 3 replicas on EBS (per-pod claims) · return every
 * 30 days`, `License-server billing`, `Metered billing`, `Not configured`.
 */
export function describeBilling(
  billing: DeploymentBilling | undefined,
): string {
  if (!billing) {
    return 'Not configured';
  }
  switch (billing.mode) {
    case 'journal': {
      const parts = ['Journal billing'];
      const storage =
        billing.journalStorage &&
        describeJournalStorage(billing.journalStorage, billing.existingPvcName);
      if (billing.replicas !== undefined) {
        parts.push(
          `${plural(billing.replicas, 'replica')}${
            storage ? ` on ${storage}` : ''
          }`,
        );
      } else if (storage) {
        parts.push(`journals on ${storage}`);
      }
      if (billing.returnEvery !== undefined) {
        const every =
          describeIsoDuration(billing.returnEvery) ??
          `"${billing.returnEvery}" (not a duration)`;
        parts.push(`return every ${every}`);
      }
      return parts.join(' · ');
    }
    case 'license-server':
      return 'License-server billing';
    case 'metered':
      return 'Metered billing';
    default:
      return `${billing.mode} billing`;
  }
}

const MIG_RESOURCE = /^nvidia\.com\/mig-/;

/**
 * Engine GPUs: `2 engine pods × 1 nvidia.com/gpu`; a MIG resource is named as a slice,
 * `2 engine pods × 1 MIG slice nvidia.com/mig-1g.10gb`.
 */
export function describeGpu(gpu: DeploymentGpu | undefined): string {
  if (!gpu) {
    return 'No GPU request on file';
  }
  const perPod = MIG_RESOURCE.test(gpu.resourceName)
    ? `${plural(gpu.perEngine, 'MIG slice')} ${gpu.resourceName}`
    : `${gpu.perEngine} ${gpu.resourceName}`;
  if (gpu.engineReplicas === 0) {
    return `No engine pods (scaled to zero) · ${perPod} each`;
  }
  return `${plural(gpu.engineReplicas, 'engine pod')} × ${perPod}`;
}
