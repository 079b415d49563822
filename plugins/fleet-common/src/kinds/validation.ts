import Ajv, { ErrorObject } from 'ajv';
import type { Entity } from '@backstage/catalog-model';
import customerSchema from './schema/Customer.v1alpha1.schema.json';
import deploymentSchema from './schema/CustomerDeployment.v1alpha1.schema.json';
import { describeSecretLike, findSecretLikeValues } from '../secrets';
import { parseCalendarDate, parseIsoDuration } from '../time';
import type { CustomerDeploymentSpec } from './CustomerDeployment';
import { checkEntityNames } from './entityNames';

/**
 * One thing wrong with an entity: where, and what would be right.
 *
 * @public
 */
export interface EntityFieldError {
  /** Dotted path such as `spec.billing.replicas`. */
  path: string;
  /** What is wrong and what is allowed, e.g. `must be an integer ≥ 1, got "three"`. */
  message: string;
}

/**
 * The outcome of validating one entity; `errors` is empty when it is valid.
 *
 * @public
 */
export interface EntityValidationResult {
  valid: boolean;
  errors: EntityFieldError[];
}

/**
 * Validates an entity of a Fleetdeck kind; see {@link validateCustomerDeploymentEntity}.
 *
 * @public
 */
export type FleetEntityValidator = (entity: Entity) => EntityValidationResult;

// Schemas annotate each field with `x-expect`, the words used in the message when it is wrong,
// so a person fixing YAML reads what to write rather than which JSON-schema keyword failed.
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
ajv.addKeyword({ keyword: 'x-expect', schemaType: 'string' });

type SchemaNode = {
  'x-expect'?: string;
  properties?: Record<string, SchemaNode>;
};

function createValidator(
  schema: object,
  semanticChecks: (entity: Entity) => EntityFieldError[],
  /** The fields that hold entity refs, checked against the catalog's name rules. */
  refFields: Array<{ path: string; defaultKind: string }>,
): FleetEntityValidator {
  const validate = ajv.compile(schema);
  return entity => {
    const errors: EntityFieldError[] = [];
    const seen = new Set<string>();
    const add = (error: EntityFieldError) => {
      if (!seen.has(error.path)) {
        seen.add(error.path);
        errors.push(error);
      }
    };
    // Secrets first: a pasted key must be reported as such, never echoed by a format error.
    for (const hit of findSecretLikeValues(
      { spec: entity.spec, metadata: scannedMetadata(entity) },
      '',
    )) {
      add({
        path: hit.path,
        message: `looks like ${hit.kind}; secret values never belong in the catalog — put it in a Kubernetes Secret and give the Secret's name`,
      });
    }
    // Names next: they become paths, headers and entity refs, so the catalog's rules apply
    // before anything else is read.
    checkEntityNames(entity, refFields).forEach(add);
    if (!validate(entity)) {
      for (const error of validate.errors ?? []) {
        add(describeSchemaError(error));
      }
    }
    if (errors.length === 0) {
      semanticChecks(entity).forEach(add);
    }
    return { valid: errors.length === 0, errors };
  };
}

function scannedMetadata(entity: Entity) {
  // The name and tags too: the catalog's name rules let a 40-hex API key through.
  const { name, title, description, annotations, labels, tags, links } =
    entity.metadata;
  return { name, title, description, annotations, labels, tags, links };
}

function describeSchemaError(error: ErrorObject): EntityFieldError {
  const path = toDottedPath(error.instancePath);
  const node = (error.parentSchema ?? {}) as SchemaNode;
  switch (error.keyword) {
    case 'required': {
      const field = (error.params as { missingProperty: string })
        .missingProperty;
      const expect = node.properties?.[field]?.['x-expect'];
      return {
        path: joinPath(path, field),
        message: `is required${expect ? `: ${expect}` : ''}`,
      };
    }
    case 'additionalProperties': {
      const field = (error.params as { additionalProperty: string })
        .additionalProperty;
      const allowed = Object.keys(node.properties ?? {}).join(', ');
      return {
        path: joinPath(path, field),
        message: `is not a field of ${path}; allowed: ${allowed}`,
      };
    }
    default: {
      const expect = node['x-expect'] ?? error.message ?? 'a valid value';
      return {
        path,
        message: `must be ${expect}, got ${describeValue(error.data)}`,
      };
    }
  }
}

function checkDeploymentSemantics(entity: Entity): EntityFieldError[] {
  const spec = entity.spec as unknown as CustomerDeploymentSpec;
  const errors: EntityFieldError[] = [];
  const { license, billing } = spec;

  if (license && !parseCalendarDate(license.expiresAt)) {
    errors.push({
      path: 'spec.license.expiresAt',
      message: `must be the last valid day as a quoted date "YYYY-MM-DD", got ${describeValue(
        license.expiresAt,
      )}`,
    });
  }
  if (billing?.returnEvery !== undefined) {
    if (!parseIsoDuration(billing.returnEvery)) {
      errors.push({
        path: 'spec.billing.returnEvery',
        message: `must be an ISO-8601 duration such as "P30D" or "P1M", got ${describeValue(
          billing.returnEvery,
        )}`,
      });
    }
  }
  if (billing?.mode === 'journal') {
    for (const field of [
      'replicas',
      'journalStorage',
      'returnEvery',
    ] as const) {
      if (billing[field] === undefined) {
        errors.push({
          path: `spec.billing.${field}`,
          message: 'is required when spec.billing.mode is journal',
        });
      }
    }
  } else if (billing && billing.journalStorage !== undefined) {
    errors.push({
      path: 'spec.billing.journalStorage',
      message: `applies only when spec.billing.mode is journal, got mode ${describeValue(
        billing.mode,
      )}`,
    });
  }
  if (billing?.journalStorage === 'existing-pvc' && !billing.existingPvcName) {
    errors.push({
      path: 'spec.billing.existingPvcName',
      message:
        'is required when spec.billing.journalStorage is existing-pvc: the name of the claim the chart should mount',
    });
  }
  if (billing?.existingPvcName && billing.journalStorage !== 'existing-pvc') {
    errors.push({
      path: 'spec.billing.existingPvcName',
      message: 'applies only when spec.billing.journalStorage is existing-pvc',
    });
  }
  if (spec.profile === 'airgapped' && billing?.mode !== 'journal') {
    errors.push({
      path: 'spec.billing.mode',
      message: `must be journal for an airgapped deployment (usage can only come back as journals), got ${describeValue(
        billing?.mode,
      )}`,
    });
  }
  return errors;
}

function toDottedPath(instancePath: string): string {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, part) =>
        /^\d+$/.test(part) ? `${path}[${part}]` : joinPath(path, part),
      '',
    );
}

function joinPath(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (typeof value === 'string' && describeSecretLike(value)) {
    return 'a value that looks like a secret (not shown)';
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Validates a CustomerDeployment: the schema, what the schema cannot say (real dates, ISO
 * durations, fields that go together), and that no secret value was pasted anywhere.
 *
 * @public
 */
export const validateCustomerDeploymentEntity: FleetEntityValidator =
  createValidator(deploymentSchema, checkDeploymentSemantics, [
    { path: 'spec.customer', defaultKind: 'Customer' },
    { path: 'spec.owner', defaultKind: 'Group' },
  ]);

/**
 * Validates a Customer entity.
 *
 * @public
 */
export const validateCustomerEntity: FleetEntityValidator = createValidator(
  customerSchema,
  () => [],
  [{ path: 'spec.owner', defaultKind: 'Group' }],
);

/**
 * The JSON schemas of Fleetdeck's kinds, for editors and documentation.
 *
 * @public
 */
export const fleetEntitySchemas = {
  Customer: customerSchema,
  CustomerDeployment: deploymentSchema,
} as const;

/**
 * Formats validation errors as one line each: `spec.billing.replicas: must be …`.
 *
 * @public
 */
export function formatEntityErrors(errors: EntityFieldError[]): string {
  return errors.map(error => `${error.path}: ${error.message}`).join('; ');
}
