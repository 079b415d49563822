import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  isValidEntityName,
  isValidEntityNamespace,
} from '@fleetdeck/plugin-fleet-common';
import { fetchUpgradePlanFiles } from './fetchUpgradePlanFiles';
import { writePlanFiles } from './planFiles';
import { examples } from './renderUpgradePlan.examples';
import { describeSteps, summarizeUpgradePlan } from './upgradePlanSummary';

/** A chart version as the release index spells it. */
const VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** The deployment's ref, checked against the catalog's rules before it becomes a URL path. */
function parseDeploymentRef(value: string) {
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: CUSTOMER_DEPLOYMENT_KIND,
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(
      `Deployment must be an entity ref such as "customerdeployment:default/acme-prod"; got ${JSON.stringify(
        value.slice(0, 100),
      )}`,
    );
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'customerdeployment') {
    throw new InputError(
      `Deployment must be a CustomerDeployment; ${stringifyEntityRef(
        ref,
      )} is a ${ref.kind}`,
    );
  }
  if (!isValidEntityNamespace(ref.namespace) || !isValidEntityName(ref.name)) {
    throw new InputError(
      'Deployment must be an entity ref whose namespace and name are catalog names (letters, digits, "-", "_", ".")',
    );
  }
  return ref;
}

/**
 * `fleet:upgrade-plan:render`: asks the fleet backend for the upgrade plan of a deployment to a
 * target (the latest without one) and writes its files into the workspace — `UPGRADE.md`, the
 * migrated `values/<version>.yaml` of each step, `collect-status.sh`. The call is made on
 * behalf of the user, so their permissions apply. It only reads, so a dry run does it too and
 * shows the files.
 *
 * @public
 */
export function createRenderUpgradePlanAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { discovery, auth } = options;
  return createTemplateAction({
    id: 'fleet:upgrade-plan:render',
    description:
      "Writes a deployment's upgrade plan from the fleet backend: UPGRADE.md (each step's values changes, GPU changes, preflight checks, helm upgrade, verification and rollback), the migrated values/<version>.yaml per step and collect-status.sh. Uses the caller's own permissions.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        deployment: z =>
          z
            .string()
            .min(1)
            .describe(
              'The CustomerDeployment, e.g. "customerdeployment:default/acme-prod"',
            ),
        target: z =>
          z
            .string()
            .optional()
            .describe(
              'The chart version to upgrade to, e.g. "0.42.0"; empty for the latest',
            ),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of the workspace to write into (default: its root)',
            ),
      },
      output: {
        target: z => z.string().describe('The version the plan ends at'),
        steps: z =>
          z
            .array(z.string())
            .describe('Each helm upgrade, "0.40.2 → 0.41.1 (…)", in order'),
        files: z =>
          z
            .array(z.string())
            .describe('The files written, relative to the workspace'),
        summary: z =>
          z
            .string()
            .describe(
              "The plan in markdown: its steps and UPGRADE.md's opening",
            ),
      },
    },
    async handler(ctx) {
      const deployment = parseDeploymentRef(ctx.input.deployment);
      const target = ctx.input.target?.trim() || undefined;
      if (target && !VERSION.test(target)) {
        throw new InputError(
          `Target must be a chart version such as "0.42.0", or empty for the latest; got ${JSON.stringify(
            target.slice(0, 40),
          )}`,
        );
      }
      const { plan, files } = await fetchUpgradePlanFiles({
        discovery,
        auth,
        credentials: await ctx.getInitiatorCredentials(),
        deployment,
        target,
      });
      const written = await writePlanFiles(
        ctx.workspacePath,
        ctx.input.targetPath ?? '.',
        files,
      );
      ctx.logger.info(
        `Upgrade plan of ${stringifyEntityRef(deployment)} to ${plan.target}: ${
          plan.steps.length
        } step(s); wrote ${written.join(', ')}`,
      );
      ctx.output('target', plan.target);
      ctx.output('steps', describeSteps(plan));
      ctx.output('files', written);
      ctx.output('summary', summarizeUpgradePlan(plan, files));
    },
  });
}
