import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
  type PermissionRuleset,
} from '@backstage/plugin-permission-node';
import {
  fleetDeploymentReadPermission,
  type FleetDeploymentPermission,
} from '@fleetdeck/plugin-fleet-common';
import type { VisibilityOptions } from '../database/FleetStore';
import type {
  FleetDeploymentFilter,
  FleetDeploymentResource,
} from '../permissions/resource';

/** A filter that matches no deployment (`owner IN ()`, i.e. `1 = 0`). */
const NOTHING: VisibilityOptions = {
  filter: { column: 'owner', values: [] },
};

/**
 * The fleet's authorization, so that each route is: credentials, authorize, call the
 * service. Decisions come from the permission framework (the portal's policy); conditional
 * ones are applied by the fleet's rules, as SQL filters or on loaded resources.
 */
export class FleetAuthorization {
  private readonly toFilter;
  private readonly matches;

  constructor(
    private readonly permissions: PermissionsService,
    ruleset: PermissionRuleset<FleetDeploymentResource, FleetDeploymentFilter>,
  ) {
    this.toFilter = createConditionTransformer(ruleset);
    this.matches = createConditionAuthorizer(ruleset);
  }

  /** A basic permission, or a 403 saying which. */
  async authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    action: string,
  ): Promise<void> {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not ${action} (permission ${permission.name})`,
      );
    }
  }

  /**
   * A permission on one deployment, or a 403 saying which. It is decided before the
   * deployment is looked up, and a policy's conditions cannot match a deployment that does
   * not exist: a caller who is refused learns nothing about which deployments exist (a 403
   * either way), while one who is allowed is told when there is no such deployment (404).
   */
  async authorizeDeployment(
    credentials: BackstageCredentials,
    permission: FleetDeploymentPermission,
    entityRef: string,
    action: string,
  ): Promise<void> {
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not ${action} (permission ${permission.name})`,
      );
    }
  }

  /**
   * Which deployments the caller may read, as the store's filter: every one (no filter),
   * none (a filter that matches nothing: an empty page and zero tiles, not a 403), or the
   * policy's conditions.
   */
  async deploymentVisibility(
    credentials: BackstageCredentials,
  ): Promise<VisibilityOptions> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: fleetDeploymentReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.CONDITIONAL) {
      return { filter: this.toFilter(decision.conditions) };
    }
    return decision.result === AuthorizeResult.ALLOW ? {} : NOTHING;
  }

  /**
   * Which of the given deployments the caller may read, with one decision for all of them:
   * for lists whose items are not rows of the status table (registrations).
   */
  async readableDeployments(
    credentials: BackstageCredentials,
    resources: FleetDeploymentResource[],
  ): Promise<Set<string>> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: fleetDeploymentReadPermission }],
      { credentials },
    );
    return new Set(
      resources
        .filter(resource => this.matches(decision, resource))
        .map(resource => resource.entityRef),
    );
  }
}
