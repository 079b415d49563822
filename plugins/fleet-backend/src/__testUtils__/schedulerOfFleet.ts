import {
  coreServices,
  createBackendModule,
  type SchedulerService,
} from '@backstage/backend-plugin-api';

/**
 * Hands out the fleet plugin's scheduler: add `module` to the test backend's features, then
 * `trigger` a task by id. The mock scheduler runs a task when triggered and resolves when it
 * is done, so tests need no waiting.
 */
export function schedulerOfFleet() {
  let scheduler: SchedulerService | undefined;
  const get = (): SchedulerService => {
    if (!scheduler) {
      throw new Error('The fleet plugin has not started: no scheduler yet');
    }
    return scheduler;
  };
  const module = createBackendModule({
    pluginId: 'fleet',
    moduleId: 'test-scheduler',
    register(reg) {
      reg.registerInit({
        deps: { service: coreServices.scheduler },
        async init({ service }) {
          scheduler = service;
        },
      });
    },
  });
  return {
    module,
    get,
    trigger: (id: string) => get().triggerTask(id),
  };
}
