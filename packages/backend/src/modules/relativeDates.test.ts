import { resolveDaysFromNow } from './relativeDates';

describe('resolveDaysFromNow', () => {
  const evening = new Date('2028-02-28T23:30:00Z');

  it('counts calendar days from today in UTC, across a leap day', () => {
    expect(resolveDaysFromNow(0, evening)).toBe('2028-02-28');
    expect(resolveDaysFromNow(1, evening)).toBe('2028-02-29');
    expect(resolveDaysFromNow(2, evening)).toBe('2028-03-01');
    expect(resolveDaysFromNow(-59, evening)).toBe('2027-12-31');
  });

  it.each([['30'], [1.5], [null], [{ days: 3 }]])(
    'refuses %j with a message saying what to write',
    value => {
      expect(() => resolveDaysFromNow(value, evening)).toThrow(
        /^\$daysFromNow must be a whole number of days, e\.g\. 30 or -9, got /,
      );
    },
  );
});
