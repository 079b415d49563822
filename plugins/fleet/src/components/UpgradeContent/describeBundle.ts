import type { BundleObservation } from '@fleetdeck/plugin-fleet-common';
import type { StatusTone } from '../status';

/** What the customer's check of a bundle said, in words, with its tone. */
export function describeVerification(bundle: BundleObservation): {
  tone: StatusTone;
  word: string;
  detail?: string;
} {
  if (bundle.verification === 'verified') {
    return { tone: 'ok', word: 'Verified' };
  }
  if (bundle.verification === 'failed') {
    const files = bundle.failedFiles ?? [];
    return {
      tone: 'error',
      word: 'Failed',
      detail:
        files.length > 0
          ? `Missing or changed: ${files.join(', ')}`
          : 'verify-bundle.sh named no file',
    };
  }
  return {
    tone: 'warning',
    word: 'Not verified yet',
    detail: 'No bundle-verification.json has come back.',
  };
}
