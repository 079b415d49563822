import { mockServices } from '@backstage/backend-test-utils';
import { parseIsoDuration } from '@fleetdeck/plugin-fleet-common';
import { readNoticeOptions } from './options';

describe('readNoticeOptions', () => {
  const readWithLogger = (fleet: object) => {
    const logger = mockServices.logger.mock();
    const options = readNoticeOptions(
      mockServices.rootConfig({ data: { fleet } }),
      logger,
    );
    return { options, logger };
  };
  const read = (fleet: object) => readWithLogger(fleet).options;

  it('defaults to a weekly reminder and notices at 30, 14, 7 and 1 days', () => {
    expect(read({})).toEqual({
      renotifyEvery: parseIsoDuration('P7D'),
      licenseNoticeDays: [30, 14, 7, 1],
    });
  });

  describe('the deprecated keys (fleet.journals.renotifyEvery, fleet.status.licenseNoticeDays)', () => {
    it('reads an ISO 8601 duration and notice days in any order', () => {
      expect(
        read({
          journals: { renotifyEvery: 'PT12H' },
          status: { licenseNoticeDays: [0, 60, 7, 60] },
        }),
      ).toEqual({
        renotifyEvery: parseIsoDuration('PT12H'),
        licenseNoticeDays: [60, 7, 0],
      });
    });

    it('refuses what it cannot read, saying what it wants', () => {
      expect(() => read({ journals: { renotifyEvery: '7 days' } })).toThrow(
        'Invalid fleet.journals.renotifyEvery "7 days"; it must be an ISO 8601 duration such as P7D, P1M or PT12H',
      );
      expect(() => read({ status: { licenseNoticeDays: [30, -1] } })).toThrow(
        'Invalid fleet.status.licenseNoticeDays [30,-1]',
      );
    });

    it('warns about each, naming its new key', () => {
      const { logger } = readWithLogger({
        journals: { renotifyEvery: 'PT12H' },
        status: { licenseNoticeDays: [7] },
      });
      expect(logger.warn).toHaveBeenCalledWith(
        'Config key fleet.journals.renotifyEvery is deprecated and is read for one more release only; use fleet.notices.renotifyEvery instead',
      );
      expect(logger.warn).toHaveBeenCalledWith(
        'Config key fleet.status.licenseNoticeDays is deprecated and is read for one more release only; use fleet.notices.licenseNoticeDays instead',
      );
    });
  });

  describe('fleet.notices', () => {
    it('reads the reminder as any duration, and the notice days in any order, without a warning', () => {
      const { options, logger } = readWithLogger({
        notices: {
          renotifyEvery: '12 hours',
          licenseNoticeDays: [0, 60, 7, 60],
        },
      });
      expect(options).toEqual({
        renotifyEvery: parseIsoDuration('PT12H'),
        licenseNoticeDays: [60, 7, 0],
      });
      expect(logger.warn).not.toHaveBeenCalled();
      expect(read({ notices: { renotifyEvery: 'P1M' } }).renotifyEvery).toEqual(
        parseIsoDuration('P1M'),
      );
      expect(
        read({ notices: { renotifyEvery: { days: 3 } } }).renotifyEvery,
      ).toEqual(parseIsoDuration('P3D'));
    });

    it('refuses what it cannot read, saying what it wants', () => {
      expect(() => read({ notices: { renotifyEvery: 'P0D' } })).toThrow(
        'Invalid fleet.notices.renotifyEvery; it must be a duration longer than zero, such as P7D, P1M or PT12H',
      );
      expect(() => read({ notices: { renotifyEvery: 'soon' } })).toThrow(
        "Invalid duration 'soon' in config at 'fleet.notices.renotifyEvery'",
      );
      expect(() => read({ notices: { licenseNoticeDays: [30, -1] } })).toThrow(
        'Invalid fleet.notices.licenseNoticeDays [30,-1]',
      );
    });
  });
});
