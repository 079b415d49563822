import { makeValidator, parseEntityRef } from '@backstage/catalog-model';

// The catalog's own field rules (its default FieldFormatEntityPolicy uses these), so a name
// the fleet accepts is one the catalog accepts, and one that is safe in a path or a header.
const catalogRules = makeValidator();

/** The catalog's name rule in words, for messages. */
export const ENTITY_NAME_RULE =
  'a catalog name: 1 to 63 ASCII letters, digits, "-", "_" or ".", starting and ending with a letter or digit (no "/", quotes, spaces or other characters)';

/** The catalog's namespace rule in words, for messages. */
export const ENTITY_NAMESPACE_RULE =
  'a catalog namespace: 1 to 63 lowercase ASCII letters, digits or "-", starting and ending with a letter or digit';

/**
 * Whether `value` passes the catalog's rule for `metadata.name` (the Kubernetes object name
 * rule: at most 63 characters of `[a-zA-Z0-9]` with `-_.` inside).
 *
 * @public
 */
export function isValidEntityName(value: unknown): value is string {
  return catalogRules.isValidEntityName(value);
}

/**
 * Whether `value` passes the catalog's rule for `metadata.namespace` (a DNS label).
 *
 * @public
 */
export function isValidEntityNamespace(value: unknown): value is string {
  return catalogRules.isValidNamespace(value);
}

/** A hostile value is shown escaped and short: never a raw quote, CR/LF or a long string. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/**
 * Checks the names an entity carries against the catalog's rules: `metadata.name`,
 * `metadata.namespace` and the entity refs at `refFields` (dotted paths into the entity, each
 * read with `defaultKind`). Each problem is one `{ path, message }` naming the rule.
 */
export function checkEntityNames(
  entity: { metadata?: { name?: unknown; namespace?: unknown } },
  refFields: Array<{ path: string; defaultKind: string }>,
): Array<{ path: string; message: string }> {
  const errors: Array<{ path: string; message: string }> = [];
  const name = entity.metadata?.name;
  if (!isValidEntityName(name)) {
    errors.push({
      path: 'metadata.name',
      message: `must be ${ENTITY_NAME_RULE}, got ${shown(name)}`,
    });
  }
  const namespace = entity.metadata?.namespace;
  if (namespace !== undefined && !isValidEntityNamespace(namespace)) {
    errors.push({
      path: 'metadata.namespace',
      message: `must be ${ENTITY_NAMESPACE_RULE}, got ${shown(namespace)}`,
    });
  }
  for (const { path, defaultKind } of refFields) {
    const value = path
      .split('.')
      .reduce<unknown>(
        (at, key) =>
          at && typeof at === 'object'
            ? (at as Record<string, unknown>)[key]
            : undefined,
        entity,
      );
    if (typeof value !== 'string') {
      // Missing or not a string: the kind's schema says what is expected.
      continue;
    }
    const problem = describeRefProblem(value, defaultKind);
    if (problem) {
      errors.push({ path, message: `${problem}, got ${shown(value)}` });
    }
  }
  return errors;
}

function describeRefProblem(
  value: string,
  defaultKind: string,
): string | undefined {
  let ref: { kind: string; namespace: string; name: string };
  try {
    ref = parseEntityRef(value, { defaultKind, defaultNamespace: 'default' });
  } catch {
    return 'must be an entity ref [<kind>:][<namespace>/]<name>';
  }
  if (!catalogRules.isValidKind(ref.kind)) {
    return 'must be an entity ref whose kind is a catalog kind (ASCII letters and digits)';
  }
  if (!isValidEntityNamespace(ref.namespace)) {
    return `must be an entity ref whose namespace is ${ENTITY_NAMESPACE_RULE}`;
  }
  if (!isValidEntityName(ref.name)) {
    return `must be an entity ref whose name is ${ENTITY_NAME_RULE}`;
  }
  return undefined;
}
