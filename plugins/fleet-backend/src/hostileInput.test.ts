import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { exampleReport } from './__testUtils__/examples';
import { startFleetBackend } from './__testUtils__/startFleetBackend';
import { gzip, journal, tarOf } from './journals/__testUtils__/fixtures';
import { registrationRequest } from './registrations/__testUtils__/registration';
import { FLEET_TEST_DATABASE_IDS } from './__testUtils__/databases';

jest.setTimeout(300_000);

/**
 * The fleet API against hostile input: every route, with names, bodies, archives, reports
 * and query parameters a careless or malicious client sends. Each case must be answered
 * with its 4xx and a message that says what to fix, and must leave nothing behind: no row in
 * any fleet table, no blob, no temporary file, no file anywhere under the test's folder.
 */

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

const LIMITS = { maxUploadBytes: 256 * 1024 };
const REPORT_MAX_BYTES = 64 * 1024;

const ONE_REPLICA = 'northwind-health-dr';
const TWO_REPLICAS = 'northwind-health-prod';
const NO_JOURNAL = 'lumen-captions-live';
const REPORTED = 'harbor-trust-bank-prod';

const FLEET_TABLES = [
  'fleet_journal_receipts',
  'fleet_registrations',
  'fleet_registration_artifacts',
  'fleet_deployment_status',
  'fleet_deployment_status_document',
  'fleet_observations',
  'fleet_flags',
  'fleet_deployment_values',
  'fleet_update_bundles',
  'fleet_backups',
];

/** A registration with one change made to it. */
function registration(
  change: (body: ReturnType<typeof registrationRequest>) => void,
  name = 'hostile-prod',
) {
  const body = registrationRequest(name);
  change(body);
  return body;
}

/** A gzipped tar of journal entries. */
const archiveOf = (entries: Parameters<typeof tarOf>[0]) =>
  gzip(tarOf(entries));

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const MULTIPART_BODY = Buffer.from(
  '--X-BOUNDARY\r\nContent-Disposition: form-data; name="file"; filename="journal"\r\nContent-Type: application/octet-stream\r\n\r\n{"d":1}\r\n--X-BOUNDARY--\r\n',
);

type Api = {
  get: (url: string) => request.Test;
  post: (url: string) => request.Test;
  put: (url: string) => request.Test;
};

interface HostileCase {
  /** What is sent, in words. */
  what: string;
  send: (api: Api) => request.Test | Promise<request.Response>;
  status: number;
  /** The words that tell the sender what to fix. */
  message: RegExp;
}

const journals = (name: string) => `/deployments/default/${name}/journals`;
const reports = (name: string) => `/deployments/default/${name}/reports`;
const octets = (test: request.Test) =>
  test.set('Content-Type', 'application/octet-stream');
const json = (test: request.Test, body: unknown) =>
  test
    .set('Content-Type', 'application/json')
    .send(typeof body === 'string' ? body : JSON.stringify(body));

const CASES: HostileCase[] = [
  // Registrations: names by the catalog's rules.
  {
    what: 'a registration named with a path traversal',
    send: api =>
      json(
        api.post('/registrations'),
        registrationRequest('../../../tmp/fleet-escape'),
      ),
    status: 400,
    message: /deployment\.metadata\.name: must be a catalog name: 1 to 63/,
  },
  {
    what: 'a registration named with a slash',
    send: api =>
      json(api.post('/registrations'), registrationRequest('acme/prod')),
    status: 400,
    message: /deployment\.metadata\.name: must be a catalog name/,
  },
  {
    what: 'a registration named with a quote',
    send: api =>
      json(api.post('/registrations'), registrationRequest('acme"prod')),
    status: 400,
    message:
      /deployment\.metadata\.name: must be a catalog name.*no "\/", quotes/,
  },
  {
    what: 'a registration named with CR/LF',
    send: api =>
      json(
        api.post('/registrations'),
        registrationRequest('acme\r\nSet-Cookie: x'),
      ),
    status: 400,
    message: /deployment\.metadata\.name: must be a catalog name/,
  },
  {
    what: 'a registration named with non-ASCII letters',
    send: api =>
      json(api.post('/registrations'), registrationRequest('acmé-prod')),
    status: 400,
    message:
      /deployment\.metadata\.name: must be a catalog name: 1 to 63 ASCII/,
  },
  {
    what: 'a registration named with 64 characters',
    send: api =>
      json(api.post('/registrations'), registrationRequest('a'.repeat(64))),
    status: 400,
    message: /deployment\.metadata\.name: must be a catalog name: 1 to 63/,
  },
  {
    what: 'a registration in another namespace',
    send: api =>
      json(
        api.post('/registrations'),
        registration(b => {
          b.deployment.metadata.namespace = '../etc';
        }),
      ),
    status: 400,
    message: /deployment\.metadata\.namespace must be default/,
  },
  {
    what: 'a new Customer named with a slash',
    send: api =>
      json(
        api.post('/registrations'),
        registration(b => {
          b.customer!.metadata.name = 'acme/corp';
        }),
      ),
    status: 400,
    message: /customer\.metadata\.name: must be a catalog name/,
  },
  {
    what: 'an owner ref with a traversal',
    send: api =>
      json(
        api.post('/registrations'),
        registration(b => {
          b.deployment.spec!.owner = 'group:default/../../admins';
        }),
      ),
    status: 400,
    message:
      /deployment\.spec\.owner: must be an entity ref whose name is a catalog name/,
  },
  {
    what: 'a customer ref with a quote',
    send: api =>
      json(
        api.post('/registrations'),
        registration(b => {
          b.deployment.spec!.customer = 'acme"';
        }),
      ),
    status: 400,
    message: /deployment\.spec\.customer: must be an entity ref/,
  },
  {
    what: 'a registration of another kind',
    send: api =>
      json(
        api.post('/registrations'),
        registration(b => {
          b.deployment.kind = 'Component';
        }),
      ),
    status: 400,
    message: /deployment\.kind must be CustomerDeployment/,
  },
  {
    what: 'a generated file named with a traversal',
    send: api =>
      json(
        api.post('/registrations'),
        registration(b => {
          (b.artifacts[0] as { name: string }).name = '../../etc/cron.d/x';
        }),
      ),
    status: 400,
    message:
      /artifacts\/0\/name must be equal to one of the allowed values: values\.yaml, backup-cronjobs\.yaml, RUNBOOK\.md, collect-status\.sh/,
  },
  {
    what: 'a generated file sent twice',
    send: api =>
      json(
        api.post('/registrations'),
        registration(b => {
          b.artifacts.push({ ...b.artifacts[0] });
        }),
      ),
    status: 400,
    message: /artifacts values\.yaml is sent twice/,
  },
  {
    what: 'a generated file over 64 KiB',
    send: api =>
      json(
        api.post('/registrations'),
        registration(b => {
          b.artifacts[1].content = '#'.repeat(65 * 1024);
        }),
      ),
    status: 400,
    message: /artifacts RUNBOOK\.md is larger than 64 KiB/,
  },
  {
    what: 'a registration body of 2 MiB',
    send: api =>
      json(
        api.post('/registrations'),
        registration(b => {
          b.artifacts[0].content = '#'.repeat(2 * 1024 * 1024);
        }),
      ),
    status: 413,
    message:
      /^The registration is larger than 640 KiB; each generated file may be 64 KiB at most$/,
  },
  {
    what: 'a registration that is not JSON',
    send: api => json(api.post('/registrations'), '{"taskId": "t", deploy'),
    status: 400,
    message:
      /^The registration is not valid JSON; send the RegistrationRequest as JSON$/,
  },
  {
    what: 'a registration without its deployment',
    send: api =>
      json(api.post('/registrations'), { taskId: 't', artifacts: [] }),
    status: 400,
    message: /must have required property 'deployment'/,
  },
  {
    what: 'a registration with a license key in a file',
    send: api =>
      json(
        api.post('/registrations'),
        registration(b => {
          b.artifacts[0].content +=
            'key: 7c0f3e9a1b2d4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e\n';
        }),
      ),
    status: 400,
    message:
      /artifacts values\.yaml line \d+ looks like .*never hold their values/,
  },

  // Journal uploads: parameters.
  {
    what: 'a journal for an unknown deployment',
    send: api =>
      octets(api.post(journals('no-such-deployment'))).send(journal()),
    status: 404,
    message: /^No deployment customerdeployment:default\/no-such-deployment$/,
  },
  {
    what: 'a journal for a deployment named with a traversal',
    send: api =>
      octets(api.post(journals('..%2F..%2Fetc%2Fpasswd'))).send(journal()),
    status: 404,
    message:
      /^No deployment customerdeployment:default\/\.\.\/\.\.\/etc\/passwd$/,
  },
  {
    what: 'a journal for a deployment not billed by journal',
    send: api => octets(api.post(journals(NO_JOURNAL))).send(journal()),
    status: 400,
    message: /does not bill by journal \(billing\.mode: license-server\)/,
  },
  {
    what: 'a fileName with CR/LF',
    send: api =>
      octets(
        api
          .post(journals(ONE_REPLICA))
          .query({ fileName: 'journal\r\nfake log line' }),
      ).send(journal()),
    status: 400,
    message:
      /^Invalid fileName; it may hold printable characters only \(no line breaks/,
  },
  {
    what: 'a fileName with a control character',
    send: api =>
      octets(
        api
          .post(journals(ONE_REPLICA))
          .query({ fileName: 'journal\u001b[31m' }),
      ).send(journal()),
    status: 400,
    message: /^Invalid fileName; it may hold printable characters only/,
  },
  {
    what: 'a fileName with a right-to-left override',
    send: api =>
      octets(
        api
          .post(journals(ONE_REPLICA))
          .query({ fileName: 'journal-\u202egz.tar.exe' }),
      ).send(journal()),
    status: 400,
    message: /^Invalid fileName; it may hold printable characters only/,
  },
  {
    what: 'a fileName of 256 characters',
    send: api =>
      octets(
        api.post(journals(ONE_REPLICA)).query({ fileName: 'j'.repeat(256) }),
      ).send(journal()),
    status: 400,
    message: /^Invalid fileName; it may be 255 characters long at most$/,
  },
  {
    what: 'fileName given twice',
    send: api =>
      octets(api.post(`${journals(ONE_REPLICA)}?fileName=a&fileName=b`)).send(
        journal(),
      ),
    status: 400,
    message: /^Invalid fileName; give it once, as a plain value$/,
  },
  {
    what: 'replica given twice',
    send: api =>
      octets(
        api.post(
          `${journals(
            TWO_REPLICAS,
          )}?replica=deepgram-billing-0&replica=deepgram-billing-1`,
        ),
      ).send(journal()),
    status: 400,
    message: /^Invalid replica; give it once, as a plain value$/,
  },
  {
    what: 'a replica that the deployment does not have',
    send: api =>
      octets(
        api
          .post(journals(TWO_REPLICAS))
          .query({ replica: '../deepgram-billing-0' }),
      ).send(journal()),
    status: 400,
    message:
      /is not a billing replica of .*; its replicas are deepgram-billing-0, deepgram-billing-1/,
  },

  // Journal uploads: bodies.
  {
    what: 'a journal sent as a multipart form',
    send: api =>
      api.post(journals(ONE_REPLICA)).attach('file', journal(), 'journal'),
    status: 400,
    message: /send the file's bytes as the request body .*not a multipart form/,
  },
  {
    what: 'a multipart form sent as octets',
    send: api => octets(api.post(journals(ONE_REPLICA))).send(MULTIPART_BODY),
    status: 400,
    message:
      /^This is a multipart form, not a journal; send the file's bytes as the request body/,
  },
  {
    what: 'a journal that starts with a UTF-8 BOM',
    send: api =>
      octets(api.post(journals(ONE_REPLICA))).send(
        Buffer.concat([BOM, journal()]),
      ),
    status: 400,
    message:
      /starts with a UTF-8 byte-order mark \(EF BB BF\).*send the journal exactly as billing wrote it/,
  },
  {
    what: 'an empty journal',
    send: api => octets(api.post(journals(ONE_REPLICA))).send(Buffer.alloc(0)),
    status: 400,
    message: /journal is empty: the billing container may not be running/,
  },
  {
    what: 'a journal that is not JSON lines',
    send: api =>
      octets(api.post(journals(ONE_REPLICA))).send(
        Buffer.from('hello\nworld\n'),
      ),
    status: 400,
    message: /^Line 1 is not JSON .*one JSON object per line/,
  },
  {
    what: 'a journal over fleet.journals.maxUploadBytes',
    send: api =>
      octets(api.post(journals(ONE_REPLICA))).send(
        Buffer.alloc(LIMITS.maxUploadBytes + 1, 0x20),
      ),
    status: 413,
    message:
      /^The upload is larger than 256 KiB \(fleet\.journals\.maxUploadBytes\)/,
  },

  // Journal uploads: archives.
  {
    what: 'a truncated gzip',
    send: api => {
      const archive = archiveOf([{ path: 'journal', content: journal(50) }]);
      return octets(api.post(journals(ONE_REPLICA))).send(
        archive.subarray(0, archive.length / 2),
      );
    },
    status: 400,
    message:
      /is truncated: its gzip data ends unexpectedly.*copy the archive again/,
  },
  {
    what: 'a gzip bomb (64 MiB of zeros)',
    send: api =>
      octets(api.post(journals(ONE_REPLICA))).send(
        archiveOf([{ path: 'journal', content: Buffer.alloc(64 * 1024 ** 2) }]),
      ),
    status: 413,
    message:
      /inflates to more than 200 times its compressed size \(fleet\.journals\.maxInflationRatio\)/,
  },
  {
    what: 'a tar of 5000 entries',
    send: api =>
      octets(api.post(journals(ONE_REPLICA))).send(
        archiveOf(
          Array.from({ length: 5000 }, (_, i) => ({
            path: `journal-x${i}/`,
            type: 'Directory' as const,
          })),
        ),
      ),
    status: 413,
    message:
      /holds more than 1024 entries; an archive of billing journals holds one journal per replica/,
  },
  {
    what: 'an archive entry with a traversal',
    send: api =>
      octets(api.post(journals(ONE_REPLICA))).send(
        archiveOf([{ path: '../../etc/journal', content: journal() }]),
      ),
    status: 400,
    message:
      /has `\.\.` in its path; archive entries must stay inside the archive/,
  },
  {
    what: 'an archive entry with an absolute path',
    send: api =>
      octets(api.post(journals(ONE_REPLICA))).send(
        archiveOf([{ path: '/etc/journal', content: journal() }]),
      ),
    status: 400,
    message: /has an absolute path; archive entries must be relative/,
  },
  {
    what: 'an archive with a symbolic link',
    send: api =>
      octets(api.post(journals(ONE_REPLICA))).send(
        archiveOf([
          { path: 'journal', type: 'SymbolicLink', linkpath: '/etc/passwd' },
        ]),
      ),
    status: 400,
    message:
      /is a symbolic link; a journal archive may only hold regular files and directories/,
  },
  {
    what: 'an archive with one good and one bad journal',
    send: api =>
      octets(api.post(journals(TWO_REPLICAS))).send(
        archiveOf([
          { path: 'journal-deepgram-billing-0/journal', content: journal() },
          {
            path: 'journal-deepgram-billing-1/journal',
            content: Buffer.from('{"d":\n'),
          },
        ]),
      ),
    status: 400,
    message:
      /was refused and nothing was stored: journal-deepgram-billing-1\/journal: line 1 is not JSON/,
  },

  // Journal history and downloads.
  {
    what: 'a bad cursor for the receipt history',
    send: api =>
      api.get(journals(ONE_REPLICA)).query({ cursor: 'not-a-cursor' }),
    status: 400,
    message:
      /^Invalid cursor; pass the nextCursor of a previous page unchanged$/,
  },
  {
    what: 'a receipt page of 100000',
    send: api => api.get(journals(ONE_REPLICA)).query({ limit: '100000' }),
    status: 400,
    message: /limit must be <= 500/,
  },
  {
    what: 'the receipt history of an unknown deployment',
    send: api => api.get(journals('no-such-deployment')),
    status: 404,
    message: /^No deployment customerdeployment:default\/no-such-deployment$/,
  },
  {
    what: 'the content of an unknown receipt',
    send: api =>
      api.get(
        `${journals(ONE_REPLICA)}/00000000-0000-4000-8000-000000000000/content`,
      ),
    status: 404,
    message:
      /^No journal receipt 00000000-0000-4000-8000-000000000000 for customerdeployment:default\/northwind-health-dr$/,
  },
  {
    what: 'the content of a receipt named with a traversal',
    send: api =>
      api.get(`${journals(ONE_REPLICA)}/..%2F..%2F..%2Fetc%2Fpasswd/content`),
    status: 404,
    message: /^No journal receipt \.\.\/\.\.\/\.\.\/etc\/passwd for /,
  },

  // The fleet list and one deployment.
  {
    what: 'an unknown license filter',
    send: api => api.get('/deployments').query({ license: 'stolen' }),
    status: 400,
    message: /Invalid license filter "stolen"; allowed: valid, expiring/,
  },
  {
    what: 'a bad cursor for the fleet list',
    send: api => api.get('/deployments').query({ cursor: '%%%' }),
    status: 400,
    message:
      /^Invalid cursor; pass the nextCursor of a previous page unchanged$/,
  },
  {
    what: 'orderBy given twice',
    send: api => api.get('/deployments?orderBy=name&orderBy=customer'),
    status: 400,
    message: /orderBy must be string/,
  },
  {
    what: 'a negative page size',
    send: api => api.get('/deployments').query({ limit: '-1' }),
    status: 400,
    message: /limit must be >= 1/,
  },
  {
    what: 'a search text of 201 characters',
    send: api => api.get('/deployments').query({ q: 'x'.repeat(201) }),
    status: 400,
    message: /q must NOT have more than 200 characters/,
  },
  {
    what: 'an unknown query parameter',
    send: api => api.get('/deployments').query({ $where: '1=1' }),
    status: 400,
    message: /^Unknown query parameter '\$where'$/,
  },
  {
    what: 'the status of an unknown deployment',
    send: api => api.get('/deployments/default/no-such-deployment'),
    status: 404,
    message: /^No deployment customerdeployment:default\/no-such-deployment$/,
  },

  // Status reports.
  {
    what: 'a report over fleet.reports.maxBytes',
    send: api => {
      const report = exampleReport();
      report.spec.pods = Array.from({ length: 100 }, () => report.spec.pods[0]);
      return json(api.post(reports(REPORTED)), report);
    },
    status: 413,
    message:
      /^The status report is larger than 64 KiB \(fleet\.reports\.maxBytes\)/,
  },
  {
    what: 'a report that is not JSON',
    send: api => json(api.post(reports(REPORTED)), '{"apiVersion": x'),
    status: 400,
    message:
      /^The request body is not valid JSON.*a status report is the JSON the collector script writes$/,
  },
  {
    what: 'a report for an unknown deployment',
    send: api => json(api.post(reports('no-such-deployment')), exampleReport()),
    status: 404,
    message: /^No deployment customerdeployment:default\/no-such-deployment$/,
  },
  {
    what: "another deployment's report",
    send: api => json(api.post(reports(TWO_REPLICAS)), exampleReport()),
    status: 400,
    message:
      /metadata\.deployment is "harbor-trust-bank-prod" but it was sent for/,
  },
  {
    what: 'a report with a bad field',
    send: api => {
      const report = exampleReport();
      report.metadata.generatedAt = 'yesterday';
      return json(api.post(reports(REPORTED)), report);
    },
    status: 400,
    message: /^Invalid status report: metadata\.generatedAt/,
  },

  // Generated files.
  {
    what: 'the files of a deployment not registered through the portal',
    send: api => api.get(`/deployments/default/${ONE_REPLICA}/artifacts`),
    status: 404,
    message:
      /was not registered through the portal, so it has no generated files/,
  },
  {
    what: 'the archive of a deployment not registered through the portal',
    send: api =>
      api.get(`/deployments/default/${ONE_REPLICA}/artifacts.tar.gz`),
    status: 404,
    message: /was not registered through the portal/,
  },
  {
    what: 'a download of a generated file named with a traversal',
    send: api =>
      api.get(
        `/deployments/default/${ONE_REPLICA}/artifacts/..%2F..%2Fetc%2Fpasswd`,
      ),
    status: 404,
    message: /was not registered through the portal/,
  },
  {
    what: 'a values document holding an API key',
    send: api =>
      json(api.put('/deployments/default/harbor-trust-bank-prod/values'), {
        document:
          'global:\n  deepgramApiKey: "dg_4f9c1a7e2b8d4c6f9a1e3b5d7c9f2a4e6b8d0c1a"\n',
      }),
    status: 400,
    message: /global\.deepgramApiKey looks like .*\(not shown\)/,
  },
  {
    what: 'an update bundle for a connected deployment',
    send: api =>
      json(
        api.post('/deployments/default/brightline-contact-prod/bundles'),
        {},
      ),
    status: 400,
    message: /needs no offline update bundle/,
  },
  {
    what: 'an update bundle kit by a path instead of an id',
    send: api =>
      api.get(
        '/deployments/default/harbor-trust-bank-prod/bundles/..%2F..%2Fetc/kit.tar.gz',
      ),
    status: 404,
    message: /has no update bundle of that id/,
  },
  {
    what: 'a bundle verification that names no bundle by its digest',
    send: api =>
      json(
        api.post(
          '/deployments/default/harbor-trust-bank-prod/bundles/verifications',
        ),
        { kind: 'BundleVerification', spec: { manifestSha256: '../x' } },
      ),
    status: 400,
    message: /Invalid bundle verification: .*manifestSha256/,
  },
  {
    what: 'a backup manifest that is not one',
    send: api =>
      json(api.post('/deployments/default/northwind-health-prod/backups'), {
        kind: 'BackupManifest',
      }),
    status: 400,
    message: /Invalid backup manifest/,
  },
  {
    what: 'an upgrade plan to a target that is not a release',
    send: api =>
      api
        .get('/deployments/default/harbor-trust-bank-prod/upgrade-plan')
        .query({ target: '../../0.42.0' }),
    status: 400,
    message: /Unknown target/,
  },
  {
    what: 'an unknown query parameter on the releases',
    send: api => api.get('/releases').query({ chart: '../x' }),
    status: 400,
    message: /^Unknown query parameter 'chart'$/,
  },
];

/** Every file under a folder, relative, sorted. */
function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) {
    return [];
  }
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter(file => fs.statSync(path.join(root, file)).isFile())
    .map(file => file.split(path.sep).join('/'))
    .sort();
}

describe.each(databases.eachSupportedId())(
  'hostile input on %s',
  databaseId => {
    let knex: Knex;
    let api: Api;
    let root: string;

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      const fleet = await startFleetBackend({
        knex,
        config: { journals: LIMITS, reports: { maxBytes: REPORT_MAX_BYTES } },
      });
      root = fleet.dir.path;
      api = {
        get: url =>
          request(fleet.server)
            .get(`/api/fleet${url}`)
            .set('Authorization', fleet.auth),
        post: url =>
          request(fleet.server)
            .post(`/api/fleet${url}`)
            .set('Authorization', fleet.auth),
        put: url =>
          request(fleet.server)
            .put(`/api/fleet${url}`)
            .set('Authorization', fleet.auth),
      };
    });

    /** What the fleet holds: rows per table, and every file under the test's folder. */
    async function stored() {
      const rows: Record<string, number> = {};
      for (const table of FLEET_TABLES) {
        const [{ count }] = await knex(table).count({ count: '*' });
        rows[table] = Number(count);
      }
      return { rows, files: filesUnder(root) };
    }

    it('has at least 40 cases, each with a different input', () => {
      expect(CASES.length).toBeGreaterThanOrEqual(40);
      expect(new Set(CASES.map(c => c.what)).size).toBe(CASES.length);
    });

    it.each(CASES.map(c => [c.what, c] as const))(
      'refuses %s, saying what to fix, storing nothing',
      async (_, hostile) => {
        const before = await stored();
        const response = await hostile.send(api);
        expect({
          status: response.status,
          message: response.body?.error?.message,
        }).toEqual({
          status: hostile.status,
          message: expect.stringMatching(hostile.message),
        });
        expect(await stored()).toEqual(before);
      },
    );
  },
);
