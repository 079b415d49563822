import {
  addIsoDuration,
  parseCalendarDate,
  parseIsoDuration,
} from './isoDuration';

describe('parseIsoDuration', () => {
  it.each([
    ['P30D', { days: 30 }],
    ['P1M', { months: 1 }],
    ['P1W', { weeks: 1 }],
    ['PT12H', { hours: 12 }],
    [
      'P1Y2M3DT4H5M6S',
      { years: 1, months: 2, days: 3, hours: 4, minutes: 5, seconds: 6 },
    ],
  ])('reads %s', (text, parts) => {
    expect(parseIsoDuration(text)).toEqual({
      years: 0,
      months: 0,
      weeks: 0,
      days: 0,
      hours: 0,
      minutes: 0,
      seconds: 0,
      ...parts,
    });
  });

  it.each([
    '',
    'P',
    'PT',
    'P0D',
    '30D',
    'P30',
    'P-1D',
    'P1.5D',
    'p30d',
    'P1DT',
  ])('refuses %j', text => {
    expect(parseIsoDuration(text)).toBeUndefined();
  });
});

describe('addIsoDuration', () => {
  const at = (text: string) => new Date(text);

  it('adds days across a leap day', () => {
    expect(
      addIsoDuration(at('2028-02-15T00:00:00Z'), parseIsoDuration('P30D')!),
    ).toEqual(at('2028-03-16T00:00:00Z'));
  });

  it('clamps a month to the shorter month', () => {
    expect(
      addIsoDuration(at('2027-01-31T02:00:00Z'), parseIsoDuration('P1M')!),
    ).toEqual(at('2027-02-28T02:00:00Z'));
    expect(
      addIsoDuration(at('2028-01-31T02:00:00Z'), parseIsoDuration('P1M')!),
    ).toEqual(at('2028-02-29T02:00:00Z'));
  });

  it('adds hours in UTC', () => {
    expect(
      addIsoDuration(at('2026-12-31T18:00:00Z'), parseIsoDuration('PT12H')!),
    ).toEqual(at('2027-01-01T06:00:00Z'));
  });
});

describe('parseCalendarDate', () => {
  it('reads a date as UTC midnight', () => {
    expect(parseCalendarDate('2027-03-31')).toEqual(
      new Date('2027-03-31T00:00:00Z'),
    );
  });

  it.each([
    '2027-02-29',
    '2027-13-01',
    '2027-3-31',
    '2027-03-31T00:00:00Z',
    '',
  ])('refuses %j', text => {
    expect(parseCalendarDate(text)).toBeUndefined();
  });
});
