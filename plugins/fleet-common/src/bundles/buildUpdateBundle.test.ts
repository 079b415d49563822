import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { CustomerDeploymentEntity } from '../kinds/CustomerDeployment';
import { readReleaseIndex, readReleasePolicy } from '../releases';
import type { ChartRelease, ReleasePolicy } from '../releases/types';
import { buildUpdateBundle, type UpdateBundle } from './buildUpdateBundle';
import { sha256Hex } from './sha256';
import { validateBundleVerification } from './validateBundleVerification';

jest.setTimeout(60_000);

// The package's copy of the portal's examples/.
const fixtures = path.resolve(__dirname, '../__fixtures__');
const read = (file: string) =>
  fs.readFileSync(path.join(fixtures, file), 'utf8');

const index = readReleaseIndex(parse(read('releases/index.yaml')));
const releaseOf = (version: string): ChartRelease => {
  const found = index['deepgram-self-hosted'].find(r => r.version === version);
  if (!found) {
    throw new Error(`no release ${version} in the example index`);
  }
  return found;
};

const deployment = (name: string) =>
  parseAllDocuments(read('fleet/deployments.yaml'))
    .map(document => document.toJS() as CustomerDeploymentEntity)
    .find(entity => entity.metadata.name === name)!;

const ENGINE_DIGEST = `sha256:${'4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945'}`;

// The example policy with the images the release source adds for bundles.
const policy: ReleasePolicy = {
  ...readReleasePolicy(parse(read('releases/policy.yaml'))),
  images: [
    { component: 'api', repository: 'quay.io/deepgram/self-hosted-api' },
    { component: 'engine', repository: 'quay.io/deepgram/self-hosted-engine' },
    {
      component: 'licenseProxy',
      repository: 'quay.io/deepgram/self-hosted-license-proxy',
      when: 'licenseProxy.enabled',
    },
    {
      component: 'billing',
      repository: 'quay.io/deepgram/self-hosted-billing',
      since: '0.27.1',
      when: 'billing.enabled',
    },
  ],
  imageDigests: [
    {
      version: '0.42.0',
      repository: 'quay.io/deepgram/self-hosted-engine',
      digest: ENGINE_DIGEST,
    },
  ],
};

const NOTES = '- 0.42.0: Flux TTS (fluxTts), exclusive with aura2.';
const NOW = new Date('2026-12-04T10:00:00Z');

const northwind = deployment('northwind-health-prod');

const bundleFor = (
  overrides: Partial<Parameters<typeof buildUpdateBundle>[0]> = {},
): UpdateBundle =>
  buildUpdateBundle({
    entity: northwind,
    from: northwind.spec.chart.version,
    release: releaseOf('0.42.0'),
    policy,
    values: 'billing:\n  enabled: true\nlicenseProxy:\n  enabled: false\n',
    releaseNotes: NOTES,
    chartRepository: 'https://charts.fleetdeck.example/deepgram-self-hosted',
    now: NOW,
    ...overrides,
  });

/** The message of the error `run` throws; fails the test when it throws none. */
function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error, got none');
}

const fileOf = (bundle: UpdateBundle, name: string) =>
  bundle.files.find(file => file.path === name)!.content;

describe('sha256Hex', () => {
  it.each([
    ['no bytes', ''],
    ['abc', 'abc'],
    ['55 bytes (one block)', 'a'.repeat(55)],
    ['56 bytes (the length spills into a second block)', 'a'.repeat(56)],
    ['64 bytes', 'b'.repeat(64)],
    ['multi-byte UTF-8', 'northwind → 0.42.0 ü'],
    ['several blocks', 'line of a manifest\n'.repeat(300)],
  ])('agrees with sha256sum on %s', (_, text) => {
    expect(sha256Hex(text)).toBe(
      createHash('sha256').update(text, 'utf8').digest('hex'),
    );
  });
});

describe('buildUpdateBundle: the manifest', () => {
  it('carries the chart with its index digest, the images tagged with the appVersion, an SBOM each', () => {
    const { id, manifest, files } = bundleFor();
    expect(manifest).toEqual({
      apiVersion: 'fleetdeck.io/v1alpha1',
      kind: 'UpdateBundle',
      metadata: {
        deployment: 'customerdeployment:default/northwind-health-prod',
        createdAt: '2026-12-04T10:00:00.000Z',
      },
      spec: {
        chart: {
          name: 'deepgram-self-hosted',
          version: '0.42.0',
          file: 'charts/deepgram-self-hosted-0.42.0.tgz',
          digest:
            '05e074fc65b241251826fca53479f01fa161b0a49766ef4eedd8eabf4dbcda22',
        },
        from: '0.41.1',
        images: [
          {
            component: 'api',
            repository: 'quay.io/deepgram/self-hosted-api',
            tag: 'release-260812',
            file: 'images/api-release-260812.tar',
          },
          {
            component: 'engine',
            repository: 'quay.io/deepgram/self-hosted-engine',
            tag: 'release-260812',
            digest: ENGINE_DIGEST,
            file: 'images/engine-release-260812.tar',
          },
          {
            component: 'billing',
            repository: 'quay.io/deepgram/self-hosted-billing',
            tag: 'release-260812',
            file: 'images/billing-release-260812.tar',
          },
        ],
        sboms: [
          'sboms/api-release-260812.spdx.json',
          'sboms/engine-release-260812.spdx.json',
          'sboms/billing-release-260812.spdx.json',
        ],
        releaseNotes: 'RELEASE-NOTES.md',
      },
    });
    const manifestText = fileOf({ id, manifest, files }, 'MANIFEST.json');
    expect(JSON.parse(manifestText)).toEqual(manifest);
    expect(id).toBe(createHash('sha256').update(manifestText).digest('hex'));
    expect(files.map(file => [file.path, file.mode])).toEqual([
      ['MANIFEST.json', undefined],
      ['RELEASE-NOTES.md', undefined],
      ['SHA256SUMS', undefined],
      ['assemble-bundle.sh', 0o755],
      ['verify-bundle.sh', 0o755],
    ]);
  });

  it('is the same bytes, and the same id, for the same inputs', () => {
    expect(bundleFor()).toEqual(bundleFor());
    expect(bundleFor().id).not.toBe(
      bundleFor({ now: new Date('2026-12-05T10:00:00Z') }).id,
    );
  });

  it.each([
    {
      name: 'values with the license proxy on take its image',
      version: '0.42.0',
      values: 'licenseProxy:\n  enabled: true\nbilling:\n  enabled: true\n',
      images: ['api', 'engine@pinned', 'licenseProxy', 'billing'],
    },
    {
      name: 'values without billing leave the billing image out',
      version: '0.42.0',
      values: 'licenseProxy:\n  enabled: false\n',
      images: ['api', 'engine@pinned'],
    },
    {
      name: 'no values: every image the release can run',
      version: '0.42.0',
      values: undefined,
      images: ['api', 'engine@pinned', 'licenseProxy', 'billing'],
    },
    {
      name: 'an empty values file sets no when key',
      version: '0.42.0',
      values: '',
      images: ['api', 'engine@pinned'],
    },
    {
      name: 'before 0.27.1 there is no billing image; digests pin only their version',
      version: '0.27.0',
      values: undefined,
      images: ['api', 'engine', 'licenseProxy'],
    },
    {
      name: 'from 0.27.1 on billing is in',
      version: '0.27.1',
      values: 'billing:\n  enabled: true\n',
      images: ['api', 'engine', 'billing'],
    },
  ])('$name', ({ version, values, images }) => {
    const release = releaseOf(version);
    const { manifest } = bundleFor({
      from: '0.26.0',
      release,
      values,
    });
    expect(
      manifest.spec.images.map(
        image => `${image.component}${image.digest ? '@pinned' : ''}`,
      ),
    ).toEqual(images);
    for (const image of manifest.spec.images) {
      expect(image.tag).toBe(release.appVersion);
    }
  });

  it('says in the release notes when the values were unknown', () => {
    const known = fileOf(bundleFor(), 'RELEASE-NOTES.md');
    const unknown = fileOf(
      bundleFor({ values: undefined }),
      'RELEASE-NOTES.md',
    );
    expect(known).toContain(NOTES);
    expect(known).not.toContain('values were not on record');
    expect(unknown).toContain('values were not on record');
  });

  it('lists the chart by its index digest, the manifest and the notes in SHA256SUMS', () => {
    const bundle = bundleFor();
    expect(fileOf(bundle, 'SHA256SUMS')).toBe(
      [
        '05e074fc65b241251826fca53479f01fa161b0a49766ef4eedd8eabf4dbcda22  charts/deepgram-self-hosted-0.42.0.tgz',
        `${bundle.id}  MANIFEST.json`,
        `${sha256Hex(fileOf(bundle, 'RELEASE-NOTES.md'))}  RELEASE-NOTES.md`,
        '',
      ].join('\n'),
    );
  });

  it.each([
    {
      name: 'a component that is not a safe file name',
      options: {
        policy: {
          ...policy,
          images: [{ component: '../etc', repository: 'quay.io/x/y' }],
        },
      },
      error: /policy\.images\[0\]\.component: must be 1 to 128 ASCII/,
    },
    {
      name: 'a repository with shell characters',
      options: {
        policy: {
          ...policy,
          images: [{ component: 'engine', repository: "quay.io/x'; rm -rf /" }],
        },
      },
      error: /policy\.images\[0\]\.repository: must be an image repository/,
    },
    {
      name: 'a pinned digest that is not sha256',
      options: {
        policy: {
          ...policy,
          imageDigests: [
            {
              version: '0.42.0',
              repository: 'quay.io/deepgram/self-hosted-engine',
              digest: 'latest',
            },
          ],
        },
      },
      error:
        /policy\.imageDigests \(0\.42\.0, quay\.io\/deepgram\/self-hosted-engine\): must be sha256:/,
    },
    {
      name: 'a target not newer than the installed version',
      options: { from: '0.42.0' },
      error:
        /release\.version: 0\.42\.0 is not newer than the installed 0\.42\.0/,
    },
    {
      name: 'a release without appVersion',
      options: { release: { ...releaseOf('0.42.0'), appVersion: undefined } },
      error: /release\.appVersion: is required: it is the images' tag/,
    },
    {
      name: 'a chart digest that is not hex sha256',
      options: { release: { ...releaseOf('0.42.0'), digest: 'abc' } },
      error: /release\.digest: must be the Helm index's hex sha256/,
    },
    {
      name: "another chart's policy",
      options: { policy: { ...policy, chart: 'other-chart' } },
      error: /policy\.chart: is "other-chart", not the deployment's chart/,
    },
    {
      name: 'release notes carrying a key',
      options: {
        releaseNotes:
          'fixed\nDEEPGRAM_API_KEY=3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c',
      },
      error: /releaseNotes: line 2 looks like .* \(not shown\)/,
    },
    {
      name: 'values that are not a mapping',
      options: { values: '- a\n- b\n' },
      error: /values: must be a YAML mapping/,
    },
    {
      name: 'a chart repository with a query',
      options: { chartRepository: 'https://charts.example/x?token=abc' },
      error: /chartRepository: must be an https URL/,
    },
  ])('refuses $name', ({ options, error }) => {
    expect(() => bundleFor(options)).toThrow(error);
  });

  it.each([
    ['an API key', '3f9a1c2b7d8e4f60a1b2c3d4e5f60718293a4b5c'],
    ['an AWS secret key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ])('never echoes %s given as a component', (_, key) => {
    const message = errorOf(() =>
      bundleFor({
        policy: {
          ...policy,
          images: [{ component: key, repository: 'quay.io/x/y' }],
        },
      }),
    );
    expect(message).toMatch(
      /^policy\.images\[0\]\.component: looks like a secret value \(not shown\)/,
    );
    expect(message).not.toContain(key);
  });
});

/** The bytes the stub helm writes for a chart; the test's release carries their sha256. */
const FAKE_CHART = 'fake chart deepgram-self-hosted 0.42.0\n';

/**
 * Stub `helm`, `skopeo` and `syft` that write fixed bytes where the real ones would write the
 * chart archive, the image archives and the SBOMs, and log their arguments.
 */
function writeStubs(bin: string) {
  const stubs: Record<string, string> = {
    helm: `#!/bin/sh
echo "helm $*" >> "$STUB_LOG"
dest=.; name=$2; version=
while [ $# -gt 0 ]; do
  case "$1" in --destination) dest=$2; shift;; --version) version=$2; shift;; esac
  shift
done
printf '%s' "\${FAKE_CHART_BYTES:-fake chart $name $version
}" > "$dest/$name-$version.tgz"
`,
    skopeo: `#!/bin/sh
echo "skopeo $*" >> "$STUB_LOG"
file=\${3#docker-archive:}; file=\${file%%:*}
printf 'image archive of %s\\n' "$2" > "$file"
`,
    syft: `#!/bin/sh
echo "syft $*" >> "$STUB_LOG"
out=\${4#spdx-json=}
printf '{"spdxVersion":"SPDX-2.3","name":"%s"}\\n' "$2" > "$out"
`,
  };
  for (const [name, script] of Object.entries(stubs)) {
    fs.writeFileSync(path.join(bin, name), script, { mode: 0o755 });
  }
}

describe('the bundle kit, run', () => {
  let dir: string;
  let bundleDir: string;
  let bin: string;
  let bundle: UpdateBundle;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'update-bundle-'));
    bundleDir = path.join(dir, 'bundle');
    bin = path.join(dir, 'bin');
    fs.mkdirSync(bundleDir);
    fs.mkdirSync(bin);
    writeStubs(bin);
    bundle = bundleFor({
      release: {
        ...releaseOf('0.42.0'),
        digest: createHash('sha256').update(FAKE_CHART).digest('hex'),
      },
    });
    for (const file of bundle.files) {
      fs.writeFileSync(path.join(bundleDir, file.path), file.content, {
        mode: file.mode ?? 0o644,
      });
    }
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({
    HOME: dir,
    STUB_LOG: path.join(dir, 'stubs.log'),
    ...extra,
  });

  function assemble(extra: Record<string, string> = {}) {
    return spawnSync('sh', [path.join(bundleDir, 'assemble-bundle.sh')], {
      cwd: dir,
      env: env({ PATH: `${bin}:/usr/bin:/bin`, ...extra }),
      encoding: 'utf8',
    });
  }

  /** verify-bundle.sh with only the system's tools on PATH, run from another folder. */
  function verify() {
    const run = spawnSync(
      'sh',
      [path.join(bundleDir, 'verify-bundle.sh'), bundleDir],
      { cwd: dir, env: env({ PATH: '/usr/bin:/bin' }), encoding: 'utf8' },
    );
    const resultFile = path.join(dir, 'bundle-verification.json');
    return {
      status: run.status,
      stderr: run.stderr,
      result: validateBundleVerification(
        JSON.parse(fs.readFileSync(resultFile, 'utf8')),
      ),
    };
  }

  it('assembles with helm, skopeo and syft, appending each sum to SHA256SUMS', () => {
    const run = assemble();
    expect(run.stderr).toContain('bundle assembled');
    expect(run.status).toBe(0);
    const log = fs.readFileSync(path.join(dir, 'stubs.log'), 'utf8');
    expect(log).toContain(
      'helm pull deepgram-self-hosted --repo https://charts.fleetdeck.example/deepgram-self-hosted --version 0.42.0 --destination charts',
    );
    // By digest where the policy pins one, by tag otherwise; archives tagged for docker load.
    expect(log).toContain(
      `skopeo copy docker://quay.io/deepgram/self-hosted-engine@${ENGINE_DIGEST} docker-archive:images/engine-release-260812.tar:quay.io/deepgram/self-hosted-engine:release-260812`,
    );
    expect(log).toContain(
      'skopeo copy docker://quay.io/deepgram/self-hosted-api:release-260812 docker-archive:images/api-release-260812.tar:quay.io/deepgram/self-hosted-api:release-260812',
    );
    const listed = fs
      .readFileSync(path.join(bundleDir, 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map(line => line.split('  ')[1]);
    expect(listed.sort()).toEqual(
      [
        'MANIFEST.json',
        'RELEASE-NOTES.md',
        'charts/deepgram-self-hosted-0.42.0.tgz',
        ...bundle.manifest.spec.images.map(image => image.file),
        ...bundle.manifest.spec.sboms,
      ].sort(),
    );
    // A second run lists nothing twice.
    expect(assemble().status).toBe(0);
    const again = fs.readFileSync(path.join(bundleDir, 'SHA256SUMS'), 'utf8');
    expect(again.trim().split('\n')).toHaveLength(listed.length);
  });

  it("stops when the pulled chart is not the Helm index's archive", () => {
    const run = assemble({ FAKE_CHART_BYTES: 'another archive' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      'charts/deepgram-self-hosted-0.42.0.tgz: its sha256 is not the digest the Helm index gives',
    );
  });

  it('says the bundle is incomplete without syft or the SBOMs, and takes them from SBOM_DIR', () => {
    fs.rmSync(path.join(bin, 'syft'));
    const run = assemble();
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('bundle incomplete: 3 SBOMs missing');

    const sbomDir = path.join(dir, 'vendor-sboms');
    fs.mkdirSync(sbomDir);
    for (const sbom of bundle.manifest.spec.sboms) {
      fs.writeFileSync(path.join(sbomDir, path.basename(sbom)), '{}\n');
    }
    expect(assemble({ SBOM_DIR: sbomDir }).status).toBe(0);
    expect(verify()).toMatchObject({
      status: 0,
      result: { spec: { result: 'verified' } },
    });
  });

  it('verifies the assembled bundle, offline, and writes a result the portal accepts', () => {
    expect(assemble().status).toBe(0);
    const { status, result } = verify();
    expect(status).toBe(0);
    expect(result).toEqual({
      apiVersion: 'fleetdeck.io/v1alpha1',
      kind: 'BundleVerification',
      spec: {
        manifestSha256: bundle.id,
        sumsSha256: sha256Hex(
          fs.readFileSync(path.join(bundleDir, 'SHA256SUMS')),
        ),
        result: 'verified',
        failed: [],
        checked: 9,
        checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      },
    });
  });

  it.each([
    {
      name: 'an image archive with one byte changed',
      tamper: (root: string) => {
        const file = path.join(root, 'images/engine-release-260812.tar');
        const bytes = fs.readFileSync(file);
        bytes[0] ^= 1;
        fs.writeFileSync(file, bytes);
      },
      failed: ['images/engine-release-260812.tar'],
    },
    {
      name: 'an SBOM removed',
      tamper: (root: string) =>
        fs.rmSync(path.join(root, 'sboms/api-release-260812.spdx.json')),
      failed: ['sboms/api-release-260812.spdx.json'],
    },
    {
      name: 'MANIFEST.json edited (and its line in SHA256SUMS with it)',
      tamper: (root: string) => {
        const manifestFile = path.join(root, 'MANIFEST.json');
        const edited = fs
          .readFileSync(manifestFile, 'utf8')
          .replace('"from": "0.41.1"', '"from": "0.40.2"');
        fs.writeFileSync(manifestFile, edited);
        const sumsFile = path.join(root, 'SHA256SUMS');
        fs.writeFileSync(
          sumsFile,
          fs
            .readFileSync(sumsFile, 'utf8')
            .replace(bundle.id, sha256Hex(edited)),
        );
      },
      failed: ['MANIFEST.json'],
    },
    {
      name: "the chart's line changed to match a swapped archive",
      tamper: (root: string) => {
        const chart = path.join(root, 'charts/deepgram-self-hosted-0.42.0.tgz');
        fs.writeFileSync(chart, 'another chart');
        const sumsFile = path.join(root, 'SHA256SUMS');
        fs.writeFileSync(
          sumsFile,
          fs
            .readFileSync(sumsFile, 'utf8')
            .replace(
              bundle.manifest.spec.chart.digest!,
              sha256Hex('another chart'),
            ),
        );
      },
      failed: ['charts/deepgram-self-hosted-0.42.0.tgz'],
    },
    {
      name: 'an image dropped from SHA256SUMS',
      tamper: (root: string) => {
        const sumsFile = path.join(root, 'SHA256SUMS');
        fs.writeFileSync(
          sumsFile,
          fs
            .readFileSync(sumsFile, 'utf8')
            .split('\n')
            .filter(line => !line.endsWith('images/api-release-260812.tar'))
            .join('\n'),
        );
      },
      failed: ['images/api-release-260812.tar'],
    },
    {
      name: 'SHA256SUMS pointing outside the bundle',
      tamper: (root: string) =>
        fs.appendFileSync(
          path.join(root, 'SHA256SUMS'),
          `${'0'.repeat(64)}  ../../etc/passwd\n`,
        ),
      failed: ['SHA256SUMS'],
    },
  ])('fails, naming the file, on $name', ({ tamper, failed }) => {
    expect(assemble().status).toBe(0);
    tamper(bundleDir);
    const { status, result, stderr } = verify();
    expect(status).not.toBe(0);
    expect(result.spec).toMatchObject({
      manifestSha256: bundle.id,
      result: 'failed',
      failed,
    });
    expect(stderr).toContain(`FAILED: ${failed[0]}`);
  });

  it("takes the pulled chart's own sum when the index gives no digest", () => {
    const undigested = bundleFor({
      release: { ...releaseOf('0.42.0'), digest: undefined },
    });
    for (const file of undigested.files) {
      fs.writeFileSync(path.join(bundleDir, file.path), file.content);
    }
    expect(fileOf(undigested, 'SHA256SUMS')).not.toContain('charts/');
    expect(assemble().status).toBe(0);
    expect(
      fs.readFileSync(path.join(bundleDir, 'SHA256SUMS'), 'utf8'),
    ).toContain(
      `${sha256Hex(FAKE_CHART)}  charts/deepgram-self-hosted-0.42.0.tgz`,
    );
    expect(verify()).toMatchObject({
      status: 0,
      result: { spec: { manifestSha256: undigested.id, result: 'verified' } },
    });
  });

  it('lists every failed file once, in order, when several fail', () => {
    expect(assemble().status).toBe(0);
    fs.rmSync(path.join(bundleDir, 'sboms/engine-release-260812.spdx.json'));
    fs.appendFileSync(path.join(bundleDir, 'RELEASE-NOTES.md'), 'edited\n');
    fs.writeFileSync(path.join(bundleDir, 'images/api-release-260812.tar'), '');
    const { status, result } = verify();
    expect(status).toBe(1);
    expect(result.spec.failed).toEqual([
      'RELEASE-NOTES.md',
      'images/api-release-260812.tar',
      'sboms/engine-release-260812.spdx.json',
    ]);
  });

  it('checks the folder holding the script when given none, writing the result where it runs', () => {
    expect(assemble().status).toBe(0);
    const run = spawnSync('sh', ['verify-bundle.sh'], {
      cwd: bundleDir,
      env: env({ PATH: '/usr/bin:/bin' }),
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const written = JSON.parse(
      fs.readFileSync(path.join(bundleDir, 'bundle-verification.json'), 'utf8'),
    );
    expect(validateBundleVerification(written).spec.result).toBe('verified');
    // A second check is not disturbed by the result file beside the bundle.
    expect(
      spawnSync('sh', ['verify-bundle.sh'], {
        cwd: bundleDir,
        env: env({ PATH: '/usr/bin:/bin' }),
      }).status,
    ).toBe(0);
  });

  it('downloads nothing: no fetching or pulling command in verify-bundle.sh', () => {
    const script = fileOf(bundle, 'verify-bundle.sh');
    expect(script).not.toMatch(
      /\b(curl|wget|helm|skopeo|docker|podman|crane|oras|syft|git|nc|ftp|scp|rsync|ssh)\b/,
    );
    // It parses as POSIX sh.
    expect(() =>
      execFileSync('sh', ['-n', path.join(bundleDir, 'verify-bundle.sh')]),
    ).not.toThrow();
  });
});
