import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  CUSTOMER_KIND,
  describeSecretLike,
  formatEntityErrors,
  REGISTRATION_ARTIFACT_NAMES,
  validateCustomerDeploymentEntity,
  validateCustomerEntity,
  type FleetEntityValidator,
  type RegistrationRequest,
} from '@fleetdeck/plugin-fleet-common';
import { checkRegistrationSecrets } from './checkSecrets';

/** The largest generated file accepted; the biggest real one (16 replicas' CronJobs) is ~40 kB. */
export const MAX_ARTIFACT_BYTES = 64 * 1024;
const MAX_TASK_ID_LENGTH = 255;

/**
 * The largest registration body: every allowed file at its largest, twice over for JSON's
 * escapes (a newline is `\n`), plus room for the two entities.
 */
export const MAX_REGISTRATION_BODY_BYTES =
  REGISTRATION_ARTIFACT_NAMES.length * MAX_ARTIFACT_BYTES * 2 + 128 * 1024;

function checkEntity(
  entity: Entity,
  kind: string,
  validate: FleetEntityValidator,
  field: string,
): void {
  if (entity.kind !== kind) {
    throw new InputError(`${field}.kind must be ${kind}, got ${entity.kind}`);
  }
  const namespace = entity.metadata.namespace ?? 'default';
  if (namespace !== 'default') {
    throw new InputError(
      `${field}.metadata.namespace must be default (registrations live in the default namespace), got ${namespace}`,
    );
  }
  const result = validate(entity);
  if (!result.valid) {
    throw new InputError(
      formatEntityErrors(
        result.errors.map(e => ({ ...e, path: `${field}.${e.path}` })),
      ),
    );
  }
}

/** Names the first line of a file that looks like a key or token, without repeating it. */
function checkArtifactForSecrets(name: string, content: string): void {
  const lines = content.split('\n');
  for (const [index, line] of lines.entries()) {
    const kind = describeSecretLike(line);
    if (kind) {
      throw new InputError(
        `artifacts ${name} line ${
          index + 1
        } looks like ${kind}; generated files name Secrets, never hold their values`,
      );
    }
  }
}

/**
 * Checks a registration: both entities pass the fleet validators (which also refuse secret
 * values), the deployment's customer is the Customer sent along, only the known files are
 * sent, each once, within the size limit and with no line that looks like a key or token.
 * Every refusal is an `InputError` naming the field or file, never echoing a secret.
 *
 * @returns the deployment's entity ref
 */
export function validateRegistration(body: RegistrationRequest): string {
  if (!body.taskId || body.taskId.length > MAX_TASK_ID_LENGTH) {
    throw new InputError(
      `taskId must be the scaffolder task id (1 to ${MAX_TASK_ID_LENGTH} characters)`,
    );
  }
  checkRegistrationSecrets(body);
  checkEntity(
    body.deployment,
    CUSTOMER_DEPLOYMENT_KIND,
    validateCustomerDeploymentEntity,
    'deployment',
  );
  if (body.customer) {
    checkEntity(
      body.customer,
      CUSTOMER_KIND,
      validateCustomerEntity,
      'customer',
    );
    const customerOfDeployment = parseEntityRef(
      String(body.deployment.spec?.customer),
      { defaultKind: CUSTOMER_KIND, defaultNamespace: 'default' },
    );
    if (customerOfDeployment.name !== body.customer.metadata.name) {
      throw new InputError(
        `customer.metadata.name must be the deployment's spec.customer (${customerOfDeployment.name}), got ${body.customer.metadata.name}`,
      );
    }
  }
  const seen = new Set<string>();
  for (const artifact of body.artifacts) {
    if (
      !(REGISTRATION_ARTIFACT_NAMES as readonly string[]).includes(
        artifact.name,
      )
    ) {
      throw new InputError(
        `artifacts: ${JSON.stringify(
          String(artifact.name).slice(0, 64),
        )} is not a generated file; allowed: ${REGISTRATION_ARTIFACT_NAMES.join(
          ', ',
        )}`,
      );
    }
    if (seen.has(artifact.name)) {
      throw new InputError(`artifacts ${artifact.name} is sent twice`);
    }
    seen.add(artifact.name);
    if (Buffer.byteLength(artifact.content, 'utf8') > MAX_ARTIFACT_BYTES) {
      throw new InputError(
        `artifacts ${artifact.name} is larger than ${
          MAX_ARTIFACT_BYTES / 1024
        } KiB`,
      );
    }
    checkArtifactForSecrets(artifact.name, artifact.content);
  }
  return stringifyEntityRef(body.deployment);
}
