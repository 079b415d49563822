import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  formatEntityErrors,
  validateCustomerDeploymentEntity,
  validateCustomerEntity,
  type RegistrationRequest,
} from '@fleetdeck/plugin-fleet-common';
import { parseOnboardingAnswers } from '../answers/checkAnswers';
import { buildEntities } from '../render/buildEntities';
import { readArtifacts } from './artifacts';
import { renderInput } from './inputs';
import { examples } from './registerDeployment.examples';

/**
 * `fleet:deployment:register`: stores the new CustomerDeployment (and Customer when new) with the
 * files the render steps wrote in the fleet backend, which the catalog module's provider emits.
 * Needs no git host. A dry-run validates the entities and stops before the call.
 *
 * @public
 */
export function createRegisterDeploymentAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { discovery, auth } = options;
  return createTemplateAction({
    id: 'fleet:deployment:register',
    description:
      'Registers the new deployment in the fleet backend (no git host needed): its CustomerDeployment entity, its Customer when new, and the generated files, which its entity page then offers for download.',
    examples,
    supportsDryRun: true,
    schema: {
      input: renderInput,
      output: {
        entityRef: z => z.string().describe('The new CustomerDeployment'),
        customerRef: z => z.string().describe('Its Customer, new or existing'),
        artifacts: z =>
          z.array(z.string()).describe('The files stored with it'),
      },
    },
    async handler(ctx) {
      const answers = parseOnboardingAnswers(ctx.input.answers);
      const { customer, deployment } = buildEntities(answers);
      for (const [entity, validate] of [
        [deployment, validateCustomerDeploymentEntity],
        ...(customer ? [[customer, validateCustomerEntity] as const] : []),
      ] as const) {
        const result = validate(entity);
        if (!result.valid) {
          throw new InputError(
            `The ${entity.kind} ${
              entity.metadata.name
            } would not pass the catalog's checks: ${formatEntityErrors(
              result.errors,
            )}`,
          );
        }
      }
      const artifacts = await readArtifacts(
        ctx.workspacePath,
        ctx.input.targetPath ?? '.',
      );
      const entityRef = stringifyEntityRef(deployment);
      ctx.output('entityRef', entityRef);
      ctx.output(
        'customerRef',
        stringifyEntityRef({ kind: 'Customer', name: answers.customer.name }),
      );
      ctx.output(
        'artifacts',
        artifacts.map(a => a.name),
      );
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would register ${entityRef}`);
        return;
      }

      const body: RegistrationRequest = {
        taskId: ctx.task.id,
        deployment,
        ...(customer ? { customer } : {}),
        artifacts: artifacts as RegistrationRequest['artifacts'],
      };
      await ctx.checkpoint({
        key: `fleet-register-${entityRef}`,
        fn: async () => {
          const { token } = await auth.getPluginRequestToken({
            onBehalfOf: await ctx.getInitiatorCredentials(),
            targetPluginId: 'fleet',
          });
          const baseUrl = await discovery.getBaseUrl('fleet');
          const response = await fetch(`${baseUrl}/registrations`, {
            method: 'POST',
            headers: {
              'Content-Type': 'application/json',
              Authorization: `Bearer ${token}`,
            },
            body: JSON.stringify(body),
          });
          if (!response.ok) {
            const error = await ResponseError.fromResponse(response);
            // A refusal (400 naming the field, 409 for a taken name) is the SE's to fix.
            if (response.status < 500) {
              throw new InputError(
                `The fleet backend refused ${entityRef}: ${error.cause.message}`,
              );
            }
            throw error;
          }
        },
      });
      ctx.logger.info(
        `Registered ${entityRef} with ${artifacts.length} files; the catalog shows it within a minute`,
      );
    },
  });
}
