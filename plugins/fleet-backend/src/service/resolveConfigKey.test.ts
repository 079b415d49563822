import { mockServices } from '@backstage/backend-test-utils';
import { resolveConfigKey } from './resolveConfigKey';

const setting = {
  key: 'fleet.status.schedule',
  deprecatedKey: 'fleet.status.refresh',
};

function resolve(status: object) {
  const logger = mockServices.logger.mock();
  const config = mockServices.rootConfig({ data: { fleet: { status } } });
  return { resolved: resolveConfigKey(config, logger, setting), logger };
}

describe('resolveConfigKey', () => {
  it('reads the new key without a word', () => {
    const { resolved, logger } = resolve({ schedule: { frequency: 'PT5M' } });
    expect(resolved).toEqual({
      key: 'fleet.status.schedule',
      deprecated: false,
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('reads the old key with a warning that names the new one', () => {
    const { resolved, logger } = resolve({ refresh: { frequency: 'PT5M' } });
    expect(resolved).toEqual({ key: 'fleet.status.refresh', deprecated: true });
    expect(logger.warn).toHaveBeenCalledWith(
      'Config key fleet.status.refresh is deprecated and is read for one more release only; use fleet.status.schedule instead',
    );
  });

  it('says how the value changes when it does', () => {
    const logger = mockServices.logger.mock();
    resolveConfigKey(
      mockServices.rootConfig({
        data: { fleet: { status: { licenseWarningDays: 30 } } },
      }),
      logger,
      {
        key: 'fleet.status.licenseWarningWindow',
        deprecatedKey: 'fleet.status.licenseWarningDays',
        newShape: 'a duration such as P30D',
      },
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'Config key fleet.status.licenseWarningDays is deprecated and is read for one more release only; use fleet.status.licenseWarningWindow instead, a duration such as P30D',
    );
  });

  it('prefers the new key when both are set, and says the old one is ignored', () => {
    const { resolved, logger } = resolve({
      schedule: { frequency: 'PT5M' },
      refresh: { frequency: 'PT1M' },
    });
    expect(resolved).toEqual({
      key: 'fleet.status.schedule',
      deprecated: false,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      'Config key fleet.status.refresh is deprecated and ignored, since fleet.status.schedule is set; remove it',
    );
  });

  it('finds neither when neither is set, for the default to apply', () => {
    const { resolved, logger } = resolve({});
    expect(resolved).toBeUndefined();
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
