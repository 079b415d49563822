import { mockServices } from '@backstage/backend-test-utils';
import { readEvaluationOptions } from './evaluationOptions';

function read(status: object) {
  const logger = mockServices.logger.mock();
  const options = readEvaluationOptions(
    mockServices.rootConfig({ data: { fleet: { status } } }),
    logger,
  );
  return { options, logger };
}

describe('readEvaluationOptions', () => {
  it('leaves the evaluators their defaults when nothing is set', () => {
    expect(read({}).options).toEqual({
      licenseWarningDays: undefined,
      journalDueWindowDays: undefined,
      upgradeWindowDays: undefined,
    });
  });

  it('reads the windows as durations, in whole days', () => {
    const { options, logger } = read({
      licenseWarningWindow: 'P45D',
      journalDueWindow: { weeks: 2 },
      upgradeWindow: '10 days',
    });
    expect(options).toEqual({
      licenseWarningDays: 45,
      journalDueWindowDays: 14,
      upgradeWindowDays: 10,
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('refuses a window that is not whole days', () => {
    expect(() => read({ journalDueWindow: 'PT36H' })).toThrow(
      'Invalid fleet.status.journalDueWindow; it must be a whole number of days, such as P30D or { days: 30 }',
    );
  });

  it('still reads the deprecated numbers of days, with a warning naming the new key', () => {
    const { options, logger } = read({
      licenseWarningDays: 45,
      journalDueWindowDays: 14,
      upgradeWindowDays: 0,
    });
    expect(options).toEqual({
      licenseWarningDays: 45,
      journalDueWindowDays: 14,
      upgradeWindowDays: 0,
    });
    expect(logger.warn).toHaveBeenCalledTimes(3);
    expect(logger.warn).toHaveBeenCalledWith(
      'Config key fleet.status.licenseWarningDays is deprecated and is read for one more release only; use fleet.status.licenseWarningWindow instead, a duration such as P30D',
    );
    expect(() => read({ upgradeWindowDays: 1.5 }).options).toThrow(
      'Invalid fleet.status.upgradeWindowDays 1.5; it must be a whole number of days, 0 or more',
    );
  });

  it('prefers the new key when both are set', () => {
    const { options, logger } = read({
      licenseWarningWindow: 'P10D',
      licenseWarningDays: 45,
    });
    expect(options.licenseWarningDays).toBe(10);
    expect(logger.warn).toHaveBeenCalledWith(
      'Config key fleet.status.licenseWarningDays is deprecated and ignored, since fleet.status.licenseWarningWindow is set; remove it',
    );
  });
});
