import request from 'supertest';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import authPlugin from '@backstage/plugin-auth-backend';
import examplePeopleModule, { EXAMPLE_PERSON_HEADER } from './examplePeople';

/** A User as the catalog serves it after processing: its groups as memberOf relations. */
const user = (name: string, memberOf: string[]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf },
  relations: memberOf.map(group => ({
    type: 'memberOf',
    targetRef: `group:default/${group}`,
  })),
});

async function startAuth(options: { allowOutsideDevelopment: boolean }) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      examplePeopleModule,
      catalogServiceMock.factory({
        entities: [
          user('priya.raman', ['solutions-east']),
          user('mallory', []),
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          backend: { baseUrl: 'http://localhost:7007' },
          auth: {
            providers: {
              example: {
                users: ['user:default/priya.raman'],
                // Jest runs with NODE_ENV=test, where the provider is off by default.
                dangerouslyAllowOutsideDevelopment:
                  options.allowOutsideDevelopment,
              },
            },
          },
        },
      }),
    ],
  });
  return server;
}

/** The sign-in page's request: the proxied provider's refresh. */
const refresh = (
  server: Awaited<ReturnType<typeof startAuth>>,
  person?: string,
) => {
  const req = request(server)
    .get('/api/auth/example/refresh')
    .set('X-Requested-With', 'XMLHttpRequest');
  return person ? req.set(EXAMPLE_PERSON_HEADER, person) : req;
};

describe('the example people sign-in', () => {
  it('signs in as a listed example person, with the groups of the catalog user', async () => {
    const server = await startAuth({ allowOutsideDevelopment: true });
    const response = await refresh(server, 'user:default/priya.raman');
    expect(response.status).toBe(200);
    expect(response.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/priya.raman',
      ownershipEntityRefs: [
        'user:default/priya.raman',
        'group:default/solutions-east',
      ],
    });
  });

  it('refuses anyone not listed, and a request that names no one, saying what to send', async () => {
    const server = await startAuth({ allowOutsideDevelopment: true });
    const stranger = await refresh(server, 'user:default/mallory');
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toBe(
      'user:default/mallory is not one of the example people (auth.providers.example.users): user:default/priya.raman',
    );
    expect(stranger.body.backstageIdentity).toBeUndefined();

    const nobody = await refresh(server);
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.message).toMatch(
      /^Name the example person to sign in as in the x-fleetdeck-example-person header/,
    );
  });

  it('is off outside development unless told otherwise', async () => {
    const server = await startAuth({ allowOutsideDevelopment: false });
    const response = await refresh(server, 'user:default/priya.raman');
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/local development only/);
  });
});
