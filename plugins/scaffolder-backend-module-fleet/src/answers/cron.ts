/** Bounds of the five fields of a standard cron expression, as Kubernetes CronJobs read it. */
const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

/**
 * A pattern for the form: five space-separated fields of digits, `*`, `,`, `-` and `/`.
 * `describeCronProblem` checks the ranges the pattern cannot.
 *
 * @public
 */
export const CRON_PATTERN = '^\\s*(\\S+\\s+){4}\\S+\\s*$';

function checkPart(part: string, min: number, max: number): boolean {
  const [range, step, ...rest] = part.split('/');
  if (rest.length > 0) {
    return false;
  }
  if (step !== undefined && !/^[1-9]\d*$/.test(step)) {
    return false;
  }
  if (range === '*') {
    return true;
  }
  const bounds = range.split('-');
  if (bounds.length > 2 || !bounds.every(b => /^\d+$/.test(b))) {
    return false;
  }
  const numbers = bounds.map(Number);
  if (numbers.some(n => n < min || n > max)) {
    return false;
  }
  return numbers.length === 1 || numbers[0] <= numbers[1];
}

/**
 * Says what is wrong with a five-field cron expression (numbers only, no `@daily` or names),
 * or `undefined` when it is valid.
 *
 * @public
 */
export function describeCronProblem(expression: string): string | undefined {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) {
    return `needs five fields (minute hour day-of-month month day-of-week), e.g. "0 2 * * *" for daily at 02:00 UTC; got ${parts.length}`;
  }
  for (const [index, field] of FIELDS.entries()) {
    const value = parts[index];
    if (!value.split(',').every(p => checkPart(p, field.min, field.max))) {
      return `has an invalid ${field.name} "${value}"; use numbers ${field.min}-${field.max}, *, lists (1,15), ranges (1-5) or steps (*/6)`;
    }
  }
  return undefined;
}
