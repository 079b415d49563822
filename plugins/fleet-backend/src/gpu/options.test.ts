import { mockServices } from '@backstage/backend-test-utils';
import { readGpuRequestTimeoutMs } from './options';

function read(gpu: object) {
  const logger = mockServices.logger.mock();
  const timeoutMs = readGpuRequestTimeoutMs(
    mockServices.rootConfig({ data: { fleet: { gpu } } }),
    logger,
  );
  return { timeoutMs, logger };
}

describe('readGpuRequestTimeoutMs', () => {
  it('is 30 seconds by default', () => {
    expect(read({}).timeoutMs).toBe(30_000);
  });

  it('reads fleet.gpu.requestTimeout as a duration', () => {
    expect(read({ requestTimeout: '5s' }).timeoutMs).toBe(5_000);
    expect(read({ requestTimeout: 'PT1M' }).timeoutMs).toBe(60_000);
    const { timeoutMs, logger } = read({ requestTimeout: { seconds: 3 } });
    expect(timeoutMs).toBe(3_000);
    expect(logger.warn).not.toHaveBeenCalled();
    expect(() => read({ requestTimeout: 'PT0S' })).toThrow(
      'Invalid fleet.gpu.requestTimeout; it must be a duration longer than zero, such as 30s or PT30S',
    );
  });

  it('still reads the deprecated fleet.gpu.requestTimeoutSeconds, with a warning naming the new key', () => {
    const { timeoutMs, logger } = read({ requestTimeoutSeconds: 3 });
    expect(timeoutMs).toBe(3_000);
    expect(logger.warn).toHaveBeenCalledWith(
      'Config key fleet.gpu.requestTimeoutSeconds is deprecated and is read for one more release only; use fleet.gpu.requestTimeout instead, a duration such as 30s or PT30S',
    );
    expect(read({ requestTimeoutSeconds: 0 }).timeoutMs).toBe(30_000);
  });
});
