import fs from 'node:fs';
import path from 'node:path';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  EXAMPLE_RELEASE_INDEX,
  EXAMPLE_RELEASE_POLICY,
  FIXTURES_DIR,
} from '../../__testUtils__/examples';
import { DefaultReleaseSource } from './DefaultReleaseSource';
import { ReleaseService } from './ReleaseService';

const indexText = fs.readFileSync(EXAMPLE_RELEASE_INDEX, 'utf8');
const policyText = fs.readFileSync(EXAMPLE_RELEASE_POLICY, 'utf8');

function urlReaderServing(files: Record<string, string>) {
  return mockServices.urlReader.mock({
    readUrl: async (url: string) => {
      if (!(url in files)) {
        throw new Error(`NotFoundError: ${url} not found`);
      }
      const buffer = Buffer.from(files[url], 'utf8');
      return { buffer: async () => buffer };
    },
  });
}

describe('DefaultReleaseSource', () => {
  it('reads a relative path against the working directory', async () => {
    const source = DefaultReleaseSource.fromConfig(
      mockServices.rootConfig({
        data: {
          fleet: {
            releases: {
              index: '../releases/index.yaml',
              policy: '../releases/policy.yaml',
            },
          },
        },
      }),
      {
        urlReader: mockServices.urlReader.mock(),
        workingDirectory: path.join(FIXTURES_DIR, 'fleet'),
      },
    );
    const { index, policy } = await source.read();
    expect(index['deepgram-self-hosted'][0].version).toBe('0.42.0');
    expect(policy?.chart).toBe('deepgram-self-hosted');
  });

  it('reads http(s) URLs through the UrlReader', async () => {
    const urlReader = urlReaderServing({
      'https://charts.example.com/index.yaml': indexText,
      'https://charts.example.com/policy.yaml': policyText,
    });
    const source = new DefaultReleaseSource({
      index: 'https://charts.example.com/index.yaml',
      policy: 'https://charts.example.com/policy.yaml',
      urlReader,
      workingDirectory: '/',
    });
    const { index, policy } = await source.read();
    expect(index['deepgram-self-hosted']).toHaveLength(
      (indexText.match(/^ {4}- apiVersion: v2$/gm) ?? []).length,
    );
    expect(policy?.knownBad.map(k => k.version)).toEqual(['0.40.2', '0.41.0']);
    expect(urlReader.readUrl).toHaveBeenCalledTimes(2);
  });

  it('reads the CHANGELOG for release notes, from a path or a URL, and serves the releases without it when it is missing', async () => {
    const changelog =
      '# Changelog\n\n## [0.42.0] - 2026-11-20\n\n- Added fluxTts.\n';
    const dir = createMockDirectory();
    dir.setContent({ 'index.yaml': indexText, 'CHANGELOG.md': changelog });
    const fromPath = DefaultReleaseSource.fromConfig(
      mockServices.rootConfig({
        data: {
          fleet: {
            releases: { index: 'index.yaml', changelog: 'CHANGELOG.md' },
          },
        },
      }),
      {
        urlReader: mockServices.urlReader.mock(),
        workingDirectory: dir.path,
      },
    );
    expect((await fromPath.read()).changelog).toBe(changelog);

    const fromUrl = new DefaultReleaseSource({
      index: 'https://charts.example.com/index.yaml',
      changelog: 'https://charts.example.com/CHANGELOG.md',
      urlReader: urlReaderServing({
        'https://charts.example.com/index.yaml': indexText,
        'https://charts.example.com/CHANGELOG.md': changelog,
      }),
      workingDirectory: '/',
    });
    const releases = await fromUrl.read();
    expect(releases.changelog).toBe(changelog);
    const service = new ReleaseService(fromUrl, mockServices.logger.mock());
    await service.refresh();
    expect(service.getChangelog()).toBe(changelog);

    const without = new DefaultReleaseSource({
      index: dir.resolve('index.yaml'),
      urlReader: mockServices.urlReader.mock(),
      workingDirectory: '/',
    });
    expect((await without.read()).changelog).toBeUndefined();

    // Release notes are a courtesy: without them the releases are still served.
    const logger = mockServices.logger.mock();
    const missing = new DefaultReleaseSource({
      index: dir.resolve('index.yaml'),
      changelog: dir.resolve('NOPE.md'),
      urlReader: mockServices.urlReader.mock(),
      logger,
      workingDirectory: '/',
    });
    const withoutNotes = await missing.read();
    expect(withoutNotes.changelog).toBeUndefined();
    expect(withoutNotes.index['deepgram-self-hosted']).toBeDefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /NOPE\.md: cannot read.*fleet\.releases\.changelog/,
      ),
    );
  });

  it.each([
    [
      'an entry without a valid version',
      indexText.replace('version: 0.41.0', 'version: 0.4x'),
      /index\.yaml: entries\.deepgram-self-hosted\[2\].*0\.4x/,
    ],
    ['text that is not YAML', 'entries: [', /index\.yaml: not valid YAML/],
  ])('names the problem in %s', async (_, text, message) => {
    const dir = createMockDirectory();
    dir.setContent({ 'index.yaml': text });
    const source = new DefaultReleaseSource({
      index: dir.resolve('index.yaml'),
      urlReader: mockServices.urlReader.mock(),
      workingDirectory: '/',
    });
    await expect(source.read()).rejects.toThrow(message);
  });

  it('says when no index is configured or the file is missing', async () => {
    await expect(
      new DefaultReleaseSource({
        urlReader: mockServices.urlReader.mock(),
        workingDirectory: '/',
      }).read(),
    ).rejects.toThrow('set fleet.releases.index');
    await expect(
      new DefaultReleaseSource({
        index: 'nowhere/index.yaml',
        urlReader: mockServices.urlReader.mock(),
        workingDirectory: '/srv',
      }).read(),
    ).rejects.toThrow(
      'nowhere/index.yaml: cannot read /srv/nowhere/index.yaml',
    );
  });
});

describe('ReleaseService', () => {
  it('keeps the last good releases when a read fails, and says why', async () => {
    const logger = mockServices.logger.mock();
    const read = jest
      .fn()
      .mockResolvedValueOnce({
        index: {
          chart: [{ version: '1.0.0', created: '2026-01-01T00:00:00Z' }],
        },
      })
      .mockRejectedValueOnce(
        new Error('index.yaml: entries.chart[0]: version must be semver'),
      );
    const service = new ReleaseService({ read }, logger);

    expect(service.getReleases()).toEqual({ charts: [] });
    expect(await service.refresh()).toBe(true);
    const good = service.getReleases();
    expect(good).toEqual({
      charts: [
        {
          name: 'chart',
          releases: [{ version: '1.0.0', created: '2026-01-01T00:00:00Z' }],
        },
      ],
      readAt: expect.any(String),
    });

    expect(await service.refresh()).toBe(false);
    expect(service.getReleases()).toEqual({
      ...good,
      error: 'index.yaml: entries.chart[0]: version must be semver',
    });
    expect(service.getIndex()).toEqual({
      chart: [{ version: '1.0.0', created: '2026-01-01T00:00:00Z' }],
    });
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Failed to read releases, still using those read at .*: index\.yaml: entries\.chart\[0\]: version must be semver$/,
      ),
    );
  });

  it('serves the policy with the chart it is for, so the onboarding form can size engines', async () => {
    const policy = {
      chart: 'chart',
      valuesChanges: [],
      gpuChanges: [],
      requiredIntermediates: [],
      knownBad: [],
      sizing: [
        {
          since: '1.0.0',
          loads: [
            {
              name: 'light',
              engineReplicas: 1,
              gpusPerEngine: 1,
              gpuMemoryGiB: 12,
              cpu: '4',
              memory: '16Gi',
            },
          ],
        },
      ],
    };
    const release = { version: '1.0.0', created: '2026-01-01T00:00:00Z' };
    const service = new ReleaseService(
      {
        read: async () => ({
          index: { chart: [release], other: [release] },
          policy,
        }),
      },
      mockServices.logger.mock(),
    );
    await service.refresh();
    expect(service.getReleases().charts).toEqual([
      { name: 'chart', releases: [release], policy },
      { name: 'other', releases: [release] },
    ]);
  });
});
