import { Entity } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
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
