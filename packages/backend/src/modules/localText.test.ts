import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import type { PlaceholderResolverParams } from '@backstage/plugin-catalog-node';
import localTextModule, { resolveText } from './localText';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

describe('the portal catalog-info.yaml, read from a file location', () => {
  it('holds the fleet API with the OpenAPI definition as its text', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        localTextModule,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Component', 'API', 'System'] }],
              locations: [
                {
                  type: 'file',
                  target: path.join(REPO_ROOT, 'catalog-info.yaml'),
                },
              ],
            },
          },
        }),
      ],
    });
    const definition = fs.readFileSync(
      path.join(REPO_ROOT, 'plugins/fleet-backend/src/schema/openapi.yaml'),
      'utf-8',
    );

    let api: { spec?: { definition?: string } } | undefined;
    while (!api?.spec?.definition) {
      const response = await request(server)
        .get('/api/catalog/entities/by-name/api/default/fleetdeck-fleet-api')
        .set('Authorization', mockCredentials.service.header());
      api = response.status === 200 ? response.body : undefined;
      if (!api?.spec?.definition) {
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    }
    expect(api.spec.definition).toBe(definition);
  }, 60_000);
});

describe('resolveText', () => {
  const dir = createMockDirectory({
    content: {
      'catalog/catalog-info.yaml': 'kind: API',
      'catalog/api/openapi.yaml': 'openapi: 3.0.3',
      'catalog/big.txt': 'x'.repeat(1024 * 1024 + 1),
      'secret.txt': 'outside',
    },
  });
  const params = (
    value: unknown,
    overrides: Partial<PlaceholderResolverParams> = {},
  ): PlaceholderResolverParams => ({
    key: 'text',
    value: value as PlaceholderResolverParams['value'],
    baseUrl: dir.resolve('catalog/catalog-info.yaml'),
    read: () => Promise.reject(new Error('no URL reads here')),
    resolveUrl: () => {
      throw new Error('no URLs here');
    },
    emit: () => {},
    ...overrides,
  });

  it('reads a path relative to a local catalog file', async () => {
    await expect(resolveText(params('./api/openapi.yaml'))).resolves.toBe(
      'openapi: 3.0.3',
    );
  });

  it.each([['../secret.txt'], ['api/../../secret.txt']])(
    'refuses %s, outside the catalog file’s folder',
    async value => {
      await expect(resolveText(params(value))).rejects.toThrow(
        /may only name a file below .*catalog, got/,
      );
    },
  );

  it('refuses an absolute path and a value that is not a string', async () => {
    await expect(
      resolveText(params(dir.resolve('secret.txt'))),
    ).rejects.toThrow(/may only name a file below/);
    await expect(resolveText(params(42))).rejects.toThrow(/expected a string/);
  });

  it('refuses a file over 1 MiB', async () => {
    await expect(resolveText(params('big.txt'))).rejects.toThrow(
      /is 1048577 bytes; at most 1048576 are read/,
    );
  });

  it('reads a URL location through the catalog’s reader, and refreshes on it', async () => {
    const emitted: unknown[] = [];
    const text = await resolveText(
      params('./openapi.yaml', {
        baseUrl: 'https://git.example.com/fleet/blob/main/catalog-info.yaml',
        resolveUrl: (url, base) => new URL(url, base).toString(),
        read: async url => Buffer.from(`read ${url}`),
        emit: result => emitted.push(result),
      }),
    );
    expect(text).toBe(
      'read https://git.example.com/fleet/blob/main/openapi.yaml',
    );
    expect(emitted).toEqual([
      {
        type: 'refresh',
        key: 'url:https://git.example.com/fleet/blob/main/openapi.yaml',
      },
    ]);
  });
});
