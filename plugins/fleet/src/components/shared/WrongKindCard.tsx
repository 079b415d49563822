import { ReactNode } from 'react';
import { Entity } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@mui/material/Typography';

/**
 * What a card shows when an app places it on the page of an entity it does not describe, instead
 * of failing: which kind it expects and what it got.
 */
export function WrongKindCard(props: {
  title: string;
  expectedKind: string;
  entity: Entity;
}) {
  const { title, expectedKind, entity } = props;
  return (
    <InfoCard title={title}>
      <Typography variant="body2">
        This card describes {expectedKind} entities; {entity.metadata.name} is
        of kind {entity.kind} ({entity.apiVersion}).
      </Typography>
    </InfoCard>
  );
}

/**
 * Renders `children` with the entity on the page when it is of the expected kind, the
 * {@link WrongKindCard} otherwise.
 */
export function EntityKindFrame<T extends Entity>(props: {
  title: string;
  expectedKind: string;
  isKind: (entity: Entity) => entity is T;
  children: (entity: T) => ReactNode;
}) {
  const { title, expectedKind, isKind, children } = props;
  const { entity } = useEntity();
  if (!isKind(entity)) {
    return (
      <WrongKindCard
        title={title}
        expectedKind={expectedKind}
        entity={entity}
      />
    );
  }
  return <>{children(entity)}</>;
}
