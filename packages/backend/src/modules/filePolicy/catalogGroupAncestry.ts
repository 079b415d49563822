import type { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { GroupAncestry } from './FilePermissionPolicy';

/** How long the group tree read from the catalog is reused before it is read again. */
const GROUP_TREE_TTL_MS = 30_000;

/**
 * The groups above the given ones, from the catalog's Group entities (`spec.parent`). The whole
 * tree is read at most once per {@link GROUP_TREE_TTL_MS}: every permission check of every user
 * asks, and an organisation's groups are few and change seldom.
 */
export function catalogGroupAncestry(options: {
  catalog: CatalogService;
  auth: AuthService;
}): GroupAncestry {
  let tree:
    | { parents: Promise<Map<string, string>>; readAt: number }
    | undefined;

  async function readParents(): Promise<Map<string, string>> {
    const { items } = await options.catalog.getEntities(
      {
        filter: { kind: 'Group' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.parent'],
      },
      { credentials: await options.auth.getOwnServiceCredentials() },
    );
    const parents = new Map<string, string>();
    for (const group of items) {
      const parent = group.spec?.parent;
      if (typeof parent === 'string') {
        const namespace = group.metadata.namespace ?? 'default';
        const parentRef = parseEntityRef(parent, {
          defaultKind: 'group',
          defaultNamespace: namespace,
        });
        parents.set(
          stringifyEntityRef(group).toLocaleLowerCase('en-US'),
          stringifyEntityRef(parentRef).toLocaleLowerCase('en-US'),
        );
      }
    }
    return parents;
  }

  return async groupRefs => {
    const now = Date.now();
    if (!tree || now - tree.readAt > GROUP_TREE_TTL_MS) {
      tree = { parents: readParents(), readAt: now };
      // A failed read is not kept: the next check reads again.
      tree.parents.catch(() => {
        tree = undefined;
      });
    }
    const parents = await tree.parents;
    const ancestors = new Set<string>();
    for (const start of groupRefs) {
      let current = parents.get(start);
      // A parent cycle in the catalog must not hang a permission check.
      while (current && !ancestors.has(current)) {
        ancestors.add(current);
        current = parents.get(current);
      }
    }
    return [...ancestors];
  };
}
