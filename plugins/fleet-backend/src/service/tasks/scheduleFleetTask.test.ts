import { mockServices } from '@backstage/backend-test-utils';
import type {
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { scheduleFleetTask, type FleetTask } from './scheduleFleetTask';

const task: FleetTask = {
  id: 'fleet-example',
  title: 'Fleet example',
  scheduleConfigKey: 'fleet.example.schedule',
  defaultSchedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
};

/** A scheduler that keeps what it is given, so the test can run the task itself. */
function capturingScheduler() {
  const scheduled: Array<
    SchedulerServiceTaskScheduleDefinition &
      SchedulerServiceTaskInvocationDefinition
  > = [];
  const scheduler = {
    scheduleTask: async (definition: (typeof scheduled)[number]) => {
      scheduled.push(definition);
    },
  } as unknown as SchedulerService;
  return { scheduler, scheduled };
}

describe('scheduleFleetTask', () => {
  it('runs on its default schedule unless config sets one', async () => {
    const byDefault = capturingScheduler();
    await scheduleFleetTask({
      ...byDefault,
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
      task,
      run: async () => undefined,
    });
    expect(byDefault.scheduled[0]).toMatchObject({
      id: 'fleet-example',
      frequency: { hours: 1 },
      timeout: { minutes: 5 },
    });

    const configured = capturingScheduler();
    await scheduleFleetTask({
      ...configured,
      config: mockServices.rootConfig({
        data: {
          fleet: {
            example: {
              schedule: { frequency: { minutes: 15 }, timeout: 'PT2M' },
            },
          },
        },
      }),
      logger: mockServices.logger.mock(),
      task,
      run: async () => undefined,
    });
    expect(configured.scheduled[0]).toMatchObject({
      id: 'fleet-example',
      frequency: { minutes: 15 },
      timeout: { minutes: 2 },
    });
  });

  it('still reads a schedule from its deprecated key, with a warning naming the new one', async () => {
    const moved: FleetTask = {
      ...task,
      deprecatedScheduleConfigKey: 'fleet.example.refresh',
    };
    const schedule = { frequency: { minutes: 15 }, timeout: 'PT2M' };
    const read = async (example: object) => {
      const { scheduler, scheduled } = capturingScheduler();
      const logger = mockServices.logger.mock();
      await scheduleFleetTask({
        scheduler,
        config: mockServices.rootConfig({ data: { fleet: { example } } }),
        logger,
        task: moved,
        run: async () => undefined,
      });
      return { definition: scheduled[0], logger };
    };

    const old = await read({ refresh: schedule });
    expect(old.definition).toMatchObject({
      frequency: { minutes: 15 },
      timeout: { minutes: 2 },
    });
    expect(old.logger.warn).toHaveBeenCalledWith(
      'Config key fleet.example.refresh is deprecated and is read for one more release only; use fleet.example.schedule instead',
    );

    const current = await read({ schedule });
    expect(current.definition).toMatchObject({ frequency: { minutes: 15 } });
    expect(current.logger.warn).not.toHaveBeenCalled();

    const neither = await read({});
    expect(neither.definition).toMatchObject({ frequency: { hours: 1 } });
  });

  it('logs a failed run by the task’s name and stays scheduled for the next', async () => {
    const { scheduler, scheduled } = capturingScheduler();
    const logger = mockServices.logger.mock();
    let runs = 0;
    await scheduleFleetTask({
      scheduler,
      config: mockServices.rootConfig(),
      logger,
      task,
      run: async () => {
        runs += 1;
        if (runs === 1) throw new Error('catalog unavailable');
      },
    });
    const { fn } = scheduled[0];
    const abort = new AbortController().signal;

    await expect(fn(abort)).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(
      'Fleet example failed: Error: catalog unavailable',
    );
    await fn(abort);
    expect(runs).toBe(2);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });
});
