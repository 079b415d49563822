import {
  calendarDaysFrom,
  describeDays,
  describeIsoDuration,
  describeMoment,
  describeRelativeDays,
  describeSpan,
} from './durationWords';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './units';

describe('describeSpan', () => {
  it.each([
    [30 * 1000, 'less than a minute'],
    [MINUTE_MS, '1 minute'],
    [12 * MINUTE_MS + 59 * 1000, '12 minutes'],
    [6 * HOUR_MS, '6 hours'],
    [2 * DAY_MS - 1, '47 hours'],
    [2 * DAY_MS, '2 days'],
    [12 * DAY_MS, '12 days'],
    [400 * DAY_MS, '1 year'],
    [35.5 * 365.25 * DAY_MS, '35 years'],
  ])('%d ms reads "%s"', (ms, words) => {
    expect(describeSpan(ms)).toBe(words);
  });
});

describe('describeDays', () => {
  it('counts days', () => {
    expect(describeDays(1)).toBe('1 day');
    expect(describeDays(0)).toBe('0 days');
    expect(describeDays(45)).toBe('45 days');
  });
});

describe('calendarDaysFrom', () => {
  const now = new Date('2026-11-22T10:00:00Z');

  it('counts UTC calendar days, whatever the hour', () => {
    expect(calendarDaysFrom('2026-11-22T23:59:59Z', now)).toBe(0);
    expect(calendarDaysFrom('2026-11-21T23:00:00Z', now)).toBe(-1);
    expect(calendarDaysFrom('2026-11-25', now)).toBe(3);
  });

  it('is undefined for what is not a date', () => {
    expect(calendarDaysFrom('soon', now)).toBeUndefined();
  });
});

describe('describeRelativeDays', () => {
  it.each([
    [0, 'today'],
    [1, 'tomorrow'],
    [-1, 'yesterday'],
    [12, 'in 12 days'],
    [-9, '9 days ago'],
    [59, 'in 59 days'],
    [150, 'in 5 months'],
    [-400, '13 months ago'],
    [800, 'in 2 years'],
  ])('%i days reads "%s"', (days, words) => {
    expect(describeRelativeDays(days)).toBe(words);
  });
});

describe('describeMoment', () => {
  const now = new Date('2026-11-22T10:00:00Z');

  it('uses the unit that fits', () => {
    expect(describeMoment('2026-11-22T09:59:30Z', now)).toBe('just now');
    expect(describeMoment('2026-11-22T09:55:00Z', now)).toBe('5 minutes ago');
    expect(describeMoment('2026-11-22T07:00:00Z', now)).toBe('3 hours ago');
    expect(describeMoment('2026-11-20T07:00:00Z', now)).toBe('2 days ago');
    expect(describeMoment('not a date', now)).toBeUndefined();
  });
});

describe('describeIsoDuration', () => {
  it.each([
    ['P30D', '30 days'],
    ['P1M', 'month'],
    ['P1D', 'day'],
    ['P2W', '2 weeks'],
    ['PT12H', '12 hours'],
    ['P1M15D', '1 month and 15 days'],
    ['P1Y2M3D', '1 year, 2 months and 3 days'],
  ])('%s reads "every %s"', (iso, words) => {
    expect(describeIsoDuration(iso)).toBe(words);
  });

  it('refuses what is not a duration', () => {
    expect(describeIsoDuration('30 days')).toBeUndefined();
    expect(describeIsoDuration('P0D')).toBeUndefined();
  });
});
