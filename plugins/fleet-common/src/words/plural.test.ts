import { plural } from './plural';

describe('plural', () => {
  it.each([
    [0, 'replica', undefined, '0 replicas'],
    [1, 'replica', undefined, '1 replica'],
    [3, 'day', undefined, '3 days'],
    [2, 'entry', 'entries', '2 entries'],
    [1, 'entry', 'entries', '1 entry'],
  ])('%d %s → %s', (count, singular, pluralForm, expected) => {
    expect(plural(count, singular, pluralForm)).toBe(expected);
  });
});
