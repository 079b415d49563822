import { ReactNode } from 'react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import type {
  CustomerDeploymentEntity,
  FleetDeploymentPermission,
} from '@fleetdeck/plugin-fleet-common';
import { NotAllowedPanel } from './NotAllowedPanel';

/**
 * Renders `children` only when the user holds `permission` for this deployment (asked with the
 * deployment's entity ref, so a conditional policy decides per deployment); otherwise the
 * refusal in words, so that nothing is fetched that the backend would refuse.
 */
export function DeploymentPermissionGate(props: {
  entity: CustomerDeploymentEntity;
  permission: FleetDeploymentPermission;
  /** What is refused, as it continues "You may not …". */
  action: string;
  /** The card's title; without one, the panel stands alone. */
  title?: string;
  children: ReactNode;
}) {
  const { entity, permission, action, title, children } = props;
  const { loading, allowed } = usePermission({
    permission,
    resourceRef: stringifyEntityRef(entity),
  });
  if (loading) {
    // A bare progress bar: the card that follows brings its own frame and title.
    return <Progress />;
  }
  if (!allowed) {
    return (
      <NotAllowedPanel
        title={title}
        action={action}
        permission={permission.name}
        deployment={entity.metadata.name}
      />
    );
  }
  return <>{children}</>;
}
