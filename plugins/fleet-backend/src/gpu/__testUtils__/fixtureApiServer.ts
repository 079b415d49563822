import { http, HttpResponse } from 'msw';
import {
  gpuClusterAsV1beta1,
  type GpuClusterFixture,
} from '@fleetdeck/plugin-fleet-common/testUtils';
import type { KubePod } from '@fleetdeck/plugin-fleet-common';

/** What the fake API server refuses or leaves out; a test changes it between runs. */
export interface FixtureApiServerState {
  /** 403 to the list of every namespace's pods (the account may list its namespace only). */
  forbidClusterPods: boolean;
  /** 403 to `resource.k8s.io` lists. */
  forbidDra: boolean;
  /** The `resource.k8s.io` versions served where the fixture has DRA: `v1` (1.34) by default. */
  draVersions: string[];
}

export const servingEverything = (): FixtureApiServerState => ({
  forbidClusterPods: false,
  forbidDra: false,
  draVersions: ['v1'],
});

/** A page is at most this long whatever `limit` asks, as a server may: paging is tested. */
const MAX_PAGE = 4;

const status = (code: number, message: string) =>
  HttpResponse.json(
    {
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message,
      reason: code === 403 ? 'Forbidden' : 'NotFound',
      code,
    },
    { status: code },
  );

/** `status.phase!=Succeeded,metadata.namespace=dg`: the selectors pods support here. */
function matchesFieldSelector(pod: KubePod, selector: string): boolean {
  const fields: Record<string, string | undefined> = {
    'status.phase': pod.status?.phase,
    'metadata.namespace': pod.metadata?.namespace,
  };
  return selector
    .split(',')
    .filter(Boolean)
    .every(term => {
      const [, field, not, value] = /^([^!=]+)(!?)=(.*)$/.exec(term) ?? [];
      if (!(field in fields)) {
        throw new Error(`fake API server: unsupported field selector ${term}`);
      }
      return (fields[field] === value) !== (not === '!');
    });
}

function listPods(fixture: GpuClusterFixture, url: URL) {
  const [key, value] = (url.searchParams.get('labelSelector') ?? '').split('=');
  const fieldSelector = url.searchParams.get('fieldSelector') ?? '';
  const items = fixture.pods.items.filter(
    pod =>
      (!key || pod.metadata?.labels?.[key] === value) &&
      matchesFieldSelector(pod, fieldSelector),
  );
  // Only a client that pages (sends `limit`) gets pages; the objects API does not.
  const limit = url.searchParams.has('limit')
    ? Math.min(Number(url.searchParams.get('limit')), MAX_PAGE)
    : items.length;
  const from = Number(url.searchParams.get('continue') ?? 0);
  const to = from + limit;
  return HttpResponse.json({
    kind: 'PodList',
    apiVersion: 'v1',
    metadata: {
      resourceVersion: '48213400',
      ...(to < items.length && { continue: String(to) }),
    },
    items: items.slice(from, to),
  });
}

/**
 * An API server at `base` serving a GPU cluster fixture to the Kubernetes plugin (bearer
 * `token`): nodes; pods by label (the objects API) or by field selector, paged (the proxy);
 * `resource.k8s.io` lists at the versions `state` serves, 404 where the fixture has no DRA;
 * an empty list for every other kind the plugin fetches.
 */
export function fixtureApiServer(
  base: string,
  fixture: GpuClusterFixture,
  token: string,
  state: FixtureApiServerState,
) {
  const unauthorized = (request: Request) =>
    request.headers.get('authorization') === `Bearer ${token}`
      ? undefined
      : HttpResponse.json({ kind: 'Status', code: 401 }, { status: 401 });
  return [
    http.get(
      `${base}/api/v1/nodes`,
      ({ request }) =>
        unauthorized(request) ?? HttpResponse.json(fixture.nodes),
    ),
    http.get(`${base}/api/v1/pods`, ({ request }) => {
      const url = new URL(request.url);
      if (state.forbidClusterPods && !url.searchParams.has('labelSelector')) {
        return status(
          403,
          'pods is forbidden: User "system:serviceaccount:backstage:reader" cannot list resource "pods" in API group "" at the cluster scope',
        );
      }
      return unauthorized(request) ?? listPods(fixture, url);
    }),
    http.get(
      `${base}/apis/resource.k8s.io/:version/:kind`,
      ({ request, params }) => {
        const version = String(params.version);
        const served =
          version === 'v1beta1' ? gpuClusterAsV1beta1(fixture) : fixture;
        const list =
          params.kind === 'resourceslices'
            ? served.resourceSlices
            : served.resourceClaims;
        if (!list || !state.draVersions.includes(version)) {
          return status(
            404,
            'the server could not find the requested resource',
          );
        }
        if (state.forbidDra) {
          return status(
            403,
            `${params.kind}.resource.k8s.io is forbidden: User "system:serviceaccount:backstage:reader" cannot list resource "${params.kind}" in API group "resource.k8s.io" at the cluster scope`,
          );
        }
        return (
          unauthorized(request) ??
          HttpResponse.json({
            kind:
              params.kind === 'resourceslices'
                ? 'ResourceSliceList'
                : 'ResourceClaimList',
            apiVersion: `resource.k8s.io/${version}`,
            metadata: {},
            items: list.items,
          })
        );
      },
    ),
    // Every other kind the Kubernetes plugin fetches by default: none.
    http.get(
      `${base}/*`,
      ({ request }) =>
        unauthorized(request) ?? HttpResponse.json({ items: [] }),
    ),
  ];
}
