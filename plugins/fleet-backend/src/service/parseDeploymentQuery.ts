import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DEPLOYMENT_HEALTHS,
  DEPLOYMENT_ORDER_FIELDS,
  DEPLOYMENT_PROFILES,
  DeploymentOrderField,
  DeploymentQuery,
  GPU_STATUSES,
  JOURNAL_STATUSES,
  LICENSE_STATUSES,
  UPGRADE_STATUSES,
} from '@fleetdeck/plugin-fleet-common';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
} from '../database/DatabaseFleetStore';

/** The query string of `GET /deployments`, as received. */
export interface RawDeploymentQuery {
  license?: string;
  journal?: string;
  gpu?: string;
  upgrade?: string;
  health?: string;
  profile?: string;
  customer?: string;
  owner?: string;
  q?: string;
  orderBy?: string;
  order?: string;
  limit?: number | string;
  cursor?: string;
}

const MAX_QUERY_TEXT = 200;

function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map(value => value.trim())
    .filter(Boolean);
}

function oneOf<T extends string>(
  parameter: string,
  allowed: readonly T[],
  text: string | undefined,
): T[] | undefined {
  const values = splitList(text);
  for (const value of values) {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new InputError(
        `Invalid ${parameter} filter "${value}"; allowed: ${allowed.join(
          ', ',
        )}`,
      );
    }
  }
  return values.length > 0 ? (values as T[]) : undefined;
}

function entityRefs(
  parameter: string,
  kinds: readonly string[],
  text: string | undefined,
): string[] | undefined {
  const values = splitList(text).map(value => {
    let ref;
    try {
      ref = parseEntityRef(value, {
        defaultKind: kinds[0],
        defaultNamespace: 'default',
      });
    } catch {
      ref = undefined;
    }
    if (!ref || !kinds.includes(ref.kind.toLocaleLowerCase('en-US'))) {
      throw new InputError(
        `Invalid ${parameter} filter "${value}"; allowed: ${kinds
          .map(kind => `${kind}:<namespace>/<name>`)
          .join(' or ')} entity refs, or a ${kinds[0]}'s name`,
      );
    }
    return stringifyEntityRef(ref);
  });
  return values.length > 0 ? values : undefined;
}

/**
 * Checks and converts the query string of `GET /deployments`. Throws an `InputError` that
 * names the parameter and what it allows, e.g.
 * `Invalid license filter "expird"; allowed: valid, expiring, expired, missing, not-required`.
 */
export function parseDeploymentQuery(raw: RawDeploymentQuery): DeploymentQuery {
  const query: DeploymentQuery = {
    license: oneOf('license', LICENSE_STATUSES, raw.license),
    journal: oneOf('journal', JOURNAL_STATUSES, raw.journal),
    gpu: oneOf('gpu', GPU_STATUSES, raw.gpu),
    upgrade: oneOf('upgrade', UPGRADE_STATUSES, raw.upgrade),
    health: oneOf('health', DEPLOYMENT_HEALTHS, raw.health),
    profile: oneOf('profile', DEPLOYMENT_PROFILES, raw.profile),
    customer: entityRefs('customer', ['customer'], raw.customer),
    owner: entityRefs('owner', ['group', 'user'], raw.owner),
  };

  const q = raw.q?.trim();
  if (q) {
    if (q.length > MAX_QUERY_TEXT) {
      throw new InputError(
        `Invalid q; allowed: text of at most ${MAX_QUERY_TEXT} characters`,
      );
    }
    query.q = q;
  }

  if (raw.orderBy !== undefined) {
    if (!(DEPLOYMENT_ORDER_FIELDS as readonly string[]).includes(raw.orderBy)) {
      throw new InputError(
        `Invalid orderBy "${
          raw.orderBy
        }"; allowed: ${DEPLOYMENT_ORDER_FIELDS.join(', ')}`,
      );
    }
    query.orderBy = raw.orderBy as DeploymentOrderField;
  }

  if (raw.order !== undefined) {
    if (raw.order !== 'asc' && raw.order !== 'desc') {
      throw new InputError(`Invalid order "${raw.order}"; allowed: asc, desc`);
    }
    query.order = raw.order;
  }

  if (raw.limit !== undefined) {
    const limit = Number(raw.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new InputError(
        `Invalid limit "${raw.limit}"; allowed: a whole number from 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`,
      );
    }
    query.limit = limit;
  }

  if (raw.cursor) {
    query.cursor = raw.cursor;
  }

  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined),
  ) as DeploymentQuery;
}
