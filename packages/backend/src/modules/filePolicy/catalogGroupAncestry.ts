import type { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { GroupAncestry } from './FilePermissionPolicy';

/** How long the group tree read from the catalog is reused before it is read again. */
const GROUP_TREE_TTL_MS = 30_000;

type GroupTree = {
  /** Each group's parent group. */
  parents: Map<string, string>;
  /** Each user's groups, from the groups' `hasMember` relations. */
  groupsOfUser: Map<string, string[]>;
};

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * A user's groups and the groups above them, from the catalog's Group entities (`hasMember`
 * relations, `spec.parent`) — as well as the groups in the user's token, which a sign-in before
 * the catalog had read the user lacks. The tree is read at most once per
 * {@link GROUP_TREE_TTL_MS}: every permission check asks, and an organisation's groups are few
 * and change seldom. An empty catalog is not kept, so that a portal that has just started sees
 * its groups as soon as the catalog has read them.
 */
export function catalogGroupAncestry(options: {
  catalog: CatalogService;
  auth: AuthService;
}): GroupAncestry {
  let cached: { tree: Promise<GroupTree>; readAt: number } | undefined;

  async function readTree(): Promise<GroupTree> {
    const { items } = await options.catalog.getEntities(
      {
        filter: { kind: 'Group' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.parent',
          'relations',
        ],
      },
      { credentials: await options.auth.getOwnServiceCredentials() },
    );
    const tree: GroupTree = { parents: new Map(), groupsOfUser: new Map() };
    for (const group of items) {
      const ref = lower(stringifyEntityRef(group));
      const parent = group.spec?.parent;
      if (typeof parent === 'string') {
        const parentRef = parseEntityRef(parent, {
          defaultKind: 'group',
          defaultNamespace: group.metadata.namespace ?? 'default',
        });
        tree.parents.set(ref, lower(stringifyEntityRef(parentRef)));
      }
      for (const relation of group.relations ?? []) {
        if (relation.type === 'hasMember') {
          const member = lower(relation.targetRef);
          tree.groupsOfUser.set(member, [
            ...(tree.groupsOfUser.get(member) ?? []),
            ref,
          ]);
        }
      }
    }
    return tree;
  }

  return async ({ userEntityRef, groupRefs }) => {
    const now = Date.now();
    if (!cached || now - cached.readAt > GROUP_TREE_TTL_MS) {
      const read = { tree: readTree(), readAt: now };
      cached = read;
      read.tree.then(
        tree => {
          if (tree.parents.size === 0 && tree.groupsOfUser.size === 0) {
            cached = undefined;
          }
        },
        // A failed read is not kept either: the next check reads again.
        () => {
          cached = undefined;
        },
      );
    }
    const tree = await cached.tree;
    const groups = new Set([
      ...groupRefs,
      ...(tree.groupsOfUser.get(userEntityRef) ?? []),
    ]);
    for (const start of [...groups]) {
      let current = tree.parents.get(start);
      // A parent cycle in the catalog must not hang a permission check.
      while (current && !groups.has(current)) {
        groups.add(current);
        current = tree.parents.get(current);
      }
    }
    return [...groups];
  };
}
