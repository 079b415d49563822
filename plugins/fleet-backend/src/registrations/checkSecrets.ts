import { InputError } from '@backstage/errors';
import {
  describeSecretLike,
  type RegistrationRequest,
} from '@fleetdeck/plugin-fleet-common';

/**
 * Refuses a registration's own text that looks like a key or token: the `taskId` is stored
 * and listed with the registration. (The entities pass the fleet validators and every file
 * line the secret check in `validateRegistration`.) The message never repeats the value.
 */
export function checkRegistrationSecrets(body: RegistrationRequest): void {
  const kind =
    typeof body.taskId === 'string'
      ? describeSecretLike(body.taskId)
      : undefined;
  if (kind) {
    throw new InputError(
      `taskId: looks like ${kind} (not shown); it must be the scaffolder task id`,
    );
  }
}
