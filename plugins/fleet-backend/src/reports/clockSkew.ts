import { InputError } from '@backstage/errors';
import { describeSpan } from '@fleetdeck/plugin-fleet-common';

/**
 * Whether an instant lies further ahead of the portal's clock than the tolerated skew: such a
 * time was written by a machine whose clock is wrong, and is not newer than anything.
 */
export function isAheadOfClock(
  at: string | undefined,
  now: Date,
  maxClockSkewMs: number,
): boolean {
  const time = at === undefined ? NaN : Date.parse(at);
  return !Number.isNaN(time) && time - now.getTime() > maxClockSkewMs;
}

/**
 * Refuses a report's `generatedAt` that is ahead of the portal's clock by more than the
 * tolerated skew. Applied, it would look newer than every genuine report after it.
 */
export function checkGeneratedAt(
  generatedAt: string,
  now: Date,
  maxClockSkewMs: number,
): void {
  if (isAheadOfClock(generatedAt, now, maxClockSkewMs)) {
    throw new InputError(
      `Invalid status report: generatedAt ${generatedAt} is ${describeSpan(
        Date.parse(generatedAt) - now.getTime(),
      )} ahead of the portal's clock (${now.toISOString()}); check the clock of the machine that ran collect-status.sh, and run it again`,
    );
  }
}
