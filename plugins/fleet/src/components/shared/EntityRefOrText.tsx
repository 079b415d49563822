import { CompoundEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * A link to the entity when there is a ref to link to, else the text as written in the spec
 * (or `Not set`), so a malformed ref is still visible to whoever fixes it.
 */
export function EntityRefOrText(props: {
  entityRef: CompoundEntityRef | undefined;
  fallback: unknown;
}) {
  const { entityRef, fallback } = props;
  if (entityRef) {
    return <EntityRefLink entityRef={entityRef} />;
  }
  return <>{typeof fallback === 'string' && fallback ? fallback : 'Not set'}</>;
}
