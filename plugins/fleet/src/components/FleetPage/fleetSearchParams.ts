/*
 * The fleet page's filters, sort and search as they live in the URL's query string, so that a
 * link such as `/fleet?license=expired&orderBy=license.expiresAt&order=asc` can be shared and
 * opens the same view. Pure functions, no React.
 */
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

/** Filters chosen from a fixed vocabulary, one multi-select each. */
export const VOCABULARY_FILTERS = {
  license: LICENSE_STATUSES,
  journal: JOURNAL_STATUSES,
  gpu: GPU_STATUSES,
  upgrade: UPGRADE_STATUSES,
  health: DEPLOYMENT_HEALTHS,
  profile: DEPLOYMENT_PROFILES,
} as const;

export type VocabularyFilter = keyof typeof VOCABULARY_FILTERS;

export const VOCABULARY_FILTER_KEYS = Object.keys(
  VOCABULARY_FILTERS,
) as VocabularyFilter[];

/** Filters by entity ref (free values). */
export const REF_FILTER_KEYS = ['customer', 'owner'] as const;

export type RefFilter = (typeof REF_FILTER_KEYS)[number];

export type FleetView = {
  [K in VocabularyFilter]: Array<(typeof VOCABULARY_FILTERS)[K][number]>;
} & {
  [K in RefFilter]: string[];
} & {
  q: string;
  orderBy?: DeploymentOrderField;
  order?: 'asc' | 'desc';
};

/** Every query-string key the page owns; other keys in the URL are left alone. */
const OWN_KEYS = [
  ...VOCABULARY_FILTER_KEYS,
  ...REF_FILTER_KEYS,
  'q',
  'orderBy',
  'order',
] as const;

/**
 * The values of `key`: repeated (`license=expired&license=missing`) or comma-separated
 * (`license=expired,missing`, as the API takes them), trimmed, without duplicates.
 */
function listParam(params: URLSearchParams, key: string): string[] {
  const values = params
    .getAll(key)
    .flatMap(value => value.split(','))
    .map(value => value.trim())
    .filter(Boolean);
  return [...new Set(values)];
}

function isOneOf<T extends string>(
  allowed: readonly T[],
  value: string,
): value is T {
  return (allowed as readonly string[]).includes(value);
}

/**
 * Reads the view from the query string. Values outside the vocabulary (a mistyped or outdated
 * link) are dropped rather than sent to the backend, which would refuse the whole request.
 */
export function readFleetView(params: URLSearchParams): FleetView {
  const view = {
    q: params.get('q')?.trim() ?? '',
  } as FleetView;
  for (const key of VOCABULARY_FILTER_KEYS) {
    const allowed: readonly string[] = VOCABULARY_FILTERS[key];
    (view as Record<string, unknown>)[key] = listParam(params, key).filter(
      value => isOneOf(allowed, value),
    );
  }
  for (const key of REF_FILTER_KEYS) {
    view[key] = listParam(params, key);
  }
  const orderBy = params.get('orderBy');
  if (orderBy && isOneOf(DEPLOYMENT_ORDER_FIELDS, orderBy)) {
    view.orderBy = orderBy;
    const order = params.get('order');
    view.order = order === 'desc' ? 'desc' : 'asc';
  }
  return view;
}

/**
 * Writes the view into a copy of `current`: lists as repeated keys (no `%2C` in a shared link),
 * empty values left out, keys that the page does not own kept.
 */
export function writeFleetView(
  view: FleetView,
  current: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const key of OWN_KEYS) {
    next.delete(key);
  }
  for (const key of [...VOCABULARY_FILTER_KEYS, ...REF_FILTER_KEYS]) {
    for (const value of view[key]) {
      next.append(key, value);
    }
  }
  if (view.q.trim()) {
    next.set('q', view.q.trim());
  }
  if (view.orderBy) {
    next.set('orderBy', view.orderBy);
    next.set('order', view.order ?? 'asc');
  }
  return next;
}

/** The API query of a view (without paging). */
export function toDeploymentQuery(view: FleetView): DeploymentQuery {
  const query: DeploymentQuery = {};
  for (const key of VOCABULARY_FILTER_KEYS) {
    if (view[key].length > 0) {
      (query as Record<string, unknown>)[key] = [...view[key]];
    }
  }
  for (const key of REF_FILTER_KEYS) {
    if (view[key].length > 0) {
      query[key] = [...view[key]];
    }
  }
  if (view.q.trim()) {
    query.q = view.q.trim();
  }
  if (view.orderBy) {
    query.orderBy = view.orderBy;
    query.order = view.order ?? 'asc';
  }
  return query;
}

/** Whether any filter or search narrows the fleet (sorting does not). */
export function isFiltered(view: FleetView): boolean {
  return (
    view.q.trim() !== '' ||
    [...VOCABULARY_FILTER_KEYS, ...REF_FILTER_KEYS].some(
      key => view[key].length > 0,
    )
  );
}

/** The same view without any filter or search; the sort is kept. */
export function clearFilters(view: FleetView): FleetView {
  return {
    ...readFleetView(new URLSearchParams()),
    orderBy: view.orderBy,
    order: view.order,
  };
}
