#!/usr/bin/env node
/* eslint-disable no-console */
// A Kubernetes API server on loopback for collect-status.sh tests: the real kubectl talks to it
// (discovery, lists, field selectors), so the script and its go-templates are under test as
// the customer runs them. It serves $FAKE_API_FIXTURES/cluster.json, read on every request:
//   { version, nodes: [...], pods: [...every namespace's], resourceSlices?, resourceClaims?,
//     draVersions?: ['v1'], forbid?: ['clusterPods' | 'dra'] }
// and appends "METHOD path" of each request to requests.log. It prints its port when listening.
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const dir = process.env.FAKE_API_FIXTURES;
const cluster = () =>
  JSON.parse(fs.readFileSync(path.join(dir, 'cluster.json'), 'utf8'));

const send = (res, code, body) => {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};
const status = (res, code, message) =>
  send(res, code, {
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message,
    reason: code === 403 ? 'Forbidden' : 'NotFound',
    code,
  });
const list = (kind, apiVersion, items) => ({
  kind,
  apiVersion,
  metadata: { resourceVersion: '1' },
  items,
});

/** `status.phase!=Succeeded,metadata.namespace!=dg`, as the API server reads pod selectors. */
function selects(pod, selector) {
  const fields = {
    'status.phase': pod.status && pod.status.phase,
    'metadata.namespace': pod.metadata.namespace,
  };
  return (selector || '')
    .split(',')
    .filter(Boolean)
    .every(term => {
      const [, field, not, value] = /^([^!=]+)(!?)=(.*)$/.exec(term);
      if (!(field in fields)) {
        throw new Error(`unsupported field selector ${term}`);
      }
      return (fields[field] === value) !== (not === '!');
    });
}

const resources = (groupVersion, items) => ({
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion,
  resources: items.map(([name, kind, namespaced]) => ({
    name,
    singularName: kind.toLowerCase(),
    namespaced,
    kind,
    verbs: ['get', 'list', 'watch'],
  })),
});

function asV1beta1(state) {
  const slices = (state.resourceSlices || []).map(slice => ({
    ...slice,
    apiVersion: 'resource.k8s.io/v1beta1',
    spec: {
      ...slice.spec,
      devices: (slice.spec.devices || []).map(({ name, ...basic }) => ({
        name,
        basic,
      })),
    },
  }));
  const claims = (state.resourceClaims || []).map(claim => ({
    ...claim,
    apiVersion: 'resource.k8s.io/v1beta1',
    spec: {
      devices: {
        requests: claim.spec.devices.requests.map(({ exactly, ...r }) => ({
          ...r,
          ...exactly,
        })),
      },
    },
  }));
  return { slices, claims };
}

const server = http.createServer((req, res) => {
  fs.appendFileSync(
    path.join(dir, 'requests.log'),
    `${req.method} ${req.url}\n`,
  );
  const url = new URL(req.url, 'http://localhost');
  const state = cluster();
  const forbid = state.forbid || [];
  const draVersions = state.resourceSlices ? state.draVersions || ['v1'] : [];
  const route = url.pathname;
  if (req.method !== 'GET') {
    return status(res, 405, 'read only');
  }
  if (route === '/version') {
    return send(res, 200, state.version);
  }
  if (route === '/api') {
    return send(res, 200, { kind: 'APIVersions', versions: ['v1'] });
  }
  if (route === '/apis') {
    return send(res, 200, {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: draVersions.length
        ? [
            {
              name: 'resource.k8s.io',
              versions: draVersions.map(v => ({
                groupVersion: `resource.k8s.io/${v}`,
                version: v,
              })),
              preferredVersion: {
                groupVersion: `resource.k8s.io/${draVersions[0]}`,
                version: draVersions[0],
              },
            },
          ]
        : [],
    });
  }
  if (route === '/api/v1') {
    return send(
      res,
      200,
      resources('v1', [
        ['nodes', 'Node', false],
        ['pods', 'Pod', true],
      ]),
    );
  }
  const group =
    /^\/apis\/resource\.k8s\.io\/([^/]+)(?:\/(resourceslices|resourceclaims))?$/.exec(
      route,
    );
  if (group && draVersions.includes(group[1])) {
    const version = group[1];
    if (!group[2]) {
      return send(
        res,
        200,
        resources(`resource.k8s.io/${version}`, [
          ['resourceslices', 'ResourceSlice', false],
          ['resourceclaims', 'ResourceClaim', true],
        ]),
      );
    }
    if (forbid.includes('dra')) {
      return status(res, 403, `${group[2]}.resource.k8s.io is forbidden`);
    }
    const served =
      version === 'v1beta1'
        ? asV1beta1(state)
        : { slices: state.resourceSlices, claims: state.resourceClaims || [] };
    return group[2] === 'resourceslices'
      ? send(
          res,
          200,
          list(
            'ResourceSliceList',
            `resource.k8s.io/${version}`,
            served.slices,
          ),
        )
      : send(
          res,
          200,
          list(
            'ResourceClaimList',
            `resource.k8s.io/${version}`,
            served.claims,
          ),
        );
  }
  if (route === '/api/v1/nodes') {
    return send(res, 200, list('NodeList', 'v1', state.nodes));
  }
  const pods = /^\/api\/v1(?:\/namespaces\/([^/]+))?\/pods$/.exec(route);
  if (pods) {
    const [, namespace] = pods;
    if (!namespace && forbid.includes('clusterPods')) {
      return status(
        res,
        403,
        'pods is forbidden: User "collector" cannot list resource "pods" in API group "" at the cluster scope',
      );
    }
    const items = state.pods.filter(
      pod =>
        (!namespace || pod.metadata.namespace === namespace) &&
        selects(pod, url.searchParams.get('fieldSelector')),
    );
    return send(res, 200, list('PodList', 'v1', items));
  }
  return status(
    res,
    404,
    `the server could not find the requested resource (${route})`,
  );
});

server.listen(0, '127.0.0.1', () => {
  console.log(server.address().port);
});
