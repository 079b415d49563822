import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  type AuthService,
  type HttpAuthService,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fleetTaskTriggerPermission } from '@fleetdeck/plugin-fleet-common';
import express from 'express';
import Router from 'express-promise-router';
import { callerCredentials } from './callerCredentials';

/**
 * The core scheduler's routes that run or stop a task (`POST
 * /api/fleet/.backstage/scheduler/v1/tasks/:id/{trigger,cancel}`), which the scheduler mounts
 * on the plugin's router for anyone signed in.
 */
const TASK_ROUTES = [
  '/.backstage/scheduler/v1/tasks/:id/trigger',
  '/.backstage/scheduler/v1/tasks/:id/cancel',
];

/**
 * Refuses users on the scheduler's trigger and cancel routes, and lets a service through only
 * with `fleet.task.trigger` (for a service, its `accessRestrictions` decide): a run of the
 * fleet's tasks reads every deployment and notifies owners, and runs on its own schedule.
 */
export function createTaskTriggerGuard(options: {
  auth: AuthService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): express.Router {
  const { auth, httpAuth, permissions } = options;
  const router = Router();
  router.post(TASK_ROUTES, async (req, _res, next) => {
    const credentials = await callerCredentials(httpAuth, req);
    if (auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        'The fleet’s scheduled tasks run on their schedule; only a backend service with permission fleet.task.trigger may start or stop one',
      );
    }
    const [decision] = await permissions.authorize(
      [{ permission: fleetTaskTriggerPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'This service may not start or stop the fleet’s scheduled tasks (permission fleet.task.trigger)',
      );
    }
    next();
  });
  return router;
}

/**
 * Mounts {@link createTaskTriggerGuard} on the fleet plugin's router. A service of its own so
 * that the plugin lists it among its dependencies ahead of the scheduler: the scheduler
 * mounts its routes when it is created, and a guard must come before them. The plugin's
 * dependencies are created in the order it lists them, after its modules; no fleet module
 * may therefore depend on the scheduler (taskTriggerGuard.test.ts checks the guard with the
 * real scheduler).
 */
export const taskTriggerGuardServiceRef = createServiceRef<{
  /** The routes it guards. */
  paths: string[];
}>({
  id: 'fleet.task-trigger-guard',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
      },
      factory({ auth, httpAuth, httpRouter, permissions }) {
        httpRouter.use(createTaskTriggerGuard({ auth, httpAuth, permissions }));
        return { paths: TASK_ROUTES };
      },
    }),
});
