import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type {
  RegistrationArtifactName,
  RegistrationRequest,
} from '@fleetdeck/plugin-fleet-common';
import { fleetPlugin } from '../plugin';
import {
  allFleetRowsText,
  capturingRootLogger,
} from '../__testUtils__/secretTraces';
import { registrationRequest } from './__testUtils__/registration';
import { FLEET_TEST_DATABASE_IDS } from '../__testUtils__/databases';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: FLEET_TEST_DATABASE_IDS });

/** A file line holding a secret, each with a distinct value, and the kind it must be named. */
const FILE_CASES: Array<{
  shape: string;
  file: RegistrationArtifactName;
  secret: string;
  line: (secret: string) => string;
  kind: string;
}> = [
  {
    shape: 'a password line',
    file: 'values.yaml',
    secret: 'Hunter2-Acme-Registry',
    line: s => `  password: ${s}`,
    kind: 'a password or key assignment',
  },
  {
    shape: 'a license key in env form',
    file: 'collect-status.sh',
    secret: 'dg-lic-Q7x2-Z9k4',
    line: s => `export DEEPGRAM_LICENSE_KEY=${s}`,
    kind: 'a password or key assignment',
  },
  {
    shape: 'a hex license key',
    file: 'RUNBOOK.md',
    secret: '0b8f6e4d2c1a3e5f7091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7',
    line: s => `The key is ${s}.`,
    kind: 'an API or license key',
  },
  {
    shape: 'a base64 license',
    file: 'values.yaml',
    secret: 'TGljZW5zZUtleTpBQ01FLVBST0Q6MjAyNy0wMy0zMTpzaWc9UWE',
    line: s => `# ${s}`,
    kind: 'an encoded key or license',
  },
  {
    shape: 'an AWS access key id',
    file: 'backup-cronjobs.yaml',
    secret: 'AKIAZ7ACMEPR0D3XAMPL',
    line: s => `              value: ${s}`,
    kind: 'an AWS access key id',
  },
  {
    shape: 'an AWS secret access key',
    file: 'backup-cronjobs.yaml',
    secret: 'Zq8r/Jd2Kx9Vt4Lw7Bn3+m6Pf1Gs5Yc0EaUoTiRA',
    line: s => `              value: "${s}"`,
    kind: 'an AWS secret access key',
  },
  {
    shape: 'a PEM block',
    file: 'RUNBOOK.md',
    secret: '-----BEGIN OPENSSH PRIVATE KEY-----',
    line: s => s,
    kind: 'a private key or certificate block',
  },
  {
    shape: 'a JWT',
    file: 'collect-status.sh',
    secret: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhY21lLXByb2QifQ.c2lnbmVkLWFjbWU',
    line: s => `curl -H "Authorization: Bearer ${s}" https://x.example`,
    kind: 'a JSON Web Token',
  },
  {
    shape: 'a GitHub token',
    file: 'RUNBOOK.md',
    secret: 'ghp_AcmeProd0123456789abcdefghijklmnopq',
    line: s => `git clone https://${s}@github.com/acme/ops`,
    kind: 'a GitHub token',
  },
  {
    shape: 'a URL with a password',
    file: 'values.yaml',
    secret: 'Reg1stry-Pa55',
    line: s => `  url: https://acme:${s}@registry.example.com`,
    kind: 'a URL with a password',
  },
];

describe.each(databases.eachSupportedId())(
  'secrets in registrations, %p',
  databaseId => {
    async function start() {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const logger = capturingRootLogger();
      const { server } = await startTestBackend({
        features: [
          logger.factory,
          fleetPlugin,
          catalogServiceMock.factory({ entities: [] }),
          mockServices.database.factory({ knex }),
        ],
      });
      const auth = mockCredentials.user.header();
      return {
        post: (body: RegistrationRequest) =>
          request(server)
            .post('/api/fleet/registrations')
            .set('Authorization', auth)
            .send(body),
        listed: async () =>
          (
            await request(server)
              .get('/api/fleet/registrations')
              .set('Authorization', auth)
          ).body,
        traces: async () => `${logger.text()}\n${await allFleetRowsText(knex)}`,
      };
    }

    it.each(FILE_CASES)(
      'refuses $shape in $file (400) naming the file and line, storing and echoing nothing',
      async ({ file, secret, line, kind }) => {
        const api = await start();
        const body = registrationRequest();
        const artifact = body.artifacts.find(a => a.name === file);
        const lines = ['# generated', line(secret), '# end'];
        if (artifact) {
          artifact.content = lines.join('\n');
        } else {
          body.artifacts.push({ name: file, content: lines.join('\n') });
        }

        const response = await api.post(body);

        expect(response.status).toBe(400);
        expect(response.body.error.message).toContain(
          `artifacts ${file} line 2 looks like ${kind}`,
        );
        const listed = await api.listed();
        expect(listed.items).toEqual([]);
        const traces = `${JSON.stringify(response.body)}\n${JSON.stringify(
          listed,
        )}\n${await api.traces()}`;
        expect(traces).not.toContain(secret);
      },
    );

    it.each([
      [
        'deployment.metadata.description',
        'a password or key assignment',
        'pg password=Acme-Db-Pa55',
        (body: RegistrationRequest, s: string) => {
          body.deployment.metadata.description = s;
        },
      ],
      [
        'deployment.metadata.annotations.fleetdeck.io/backup-key',
        'an AWS access key id',
        'AKIAZ7ACMEANN0TAT10N',
        (body: RegistrationRequest, s: string) => {
          body.deployment.metadata.annotations = {
            'fleetdeck.io/backup-key': s,
          };
        },
      ],
      [
        'taskId',
        'a JSON Web Token',
        'eyJhbGciOiJIUzI1NiJ9.eyJ0YXNrIjoiYWNtZSJ9.dGFza0lkU2lnbmVk',
        (body: RegistrationRequest, s: string) => {
          body.taskId = s;
        },
      ],
      [
        'customer.metadata.title',
        'a Slack token',
        'xoxb-4242424242-AcmeTitleToken',
        (body: RegistrationRequest, s: string) => {
          body.customer!.metadata.title = s;
        },
      ],
    ])(
      'refuses a secret in %s (400), naming the field and %s, storing and echoing nothing',
      async (field, kind, secret, put) => {
        const api = await start();
        const body = registrationRequest();
        put(body, secret);

        const response = await api.post(body);

        expect(response.status).toBe(400);
        expect(response.body.error.message).toContain(
          `${field}: looks like ${kind}`,
        );
        const listed = await api.listed();
        expect(listed.items).toEqual([]);
        const traces = `${JSON.stringify(response.body)}\n${JSON.stringify(
          listed,
        )}\n${await api.traces()}`;
        expect(traces).not.toContain(secret);
      },
    );
  },
);
