import { finished, pipeline } from 'node:stream/promises';
import type {
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  fleetArtifactReadPermission,
  fleetDeploymentReadPermission,
  fleetJournalCreatePermission,
  fleetJournalReadPermission,
  fleetReportCreatePermission,
  fleetRegistrationCreatePermission,
  fleetRegistrationReadPermission,
  type RegistrationRequest,
} from '@fleetdeck/plugin-fleet-common';
import express from 'express';
import Router from 'express-promise-router';
import { formatBytes, PayloadTooLargeError } from '../journals/errors';
import type { JournalService } from '../journals/JournalService';
import { parseReportJson } from '../reports/parseReportJson';
import type { StatusReportService } from '../reports/StatusReportService';
import { translateDatabaseOutage } from '../database/databaseOutage';
import { createOpenApiRouter } from '../schema/openapi.generated';
import { createArtifactArchive } from '../registrations/artifactArchive';
import type { RegistrationService } from '../registrations/RegistrationService';
import {
  MAX_ARTIFACT_BYTES,
  MAX_REGISTRATION_BODY_BYTES,
} from '../registrations/validateRegistration';
import { startDownload } from './downloadHeaders';
import { withBodyLimitMessage } from './bodyLimit';
import { requirePrintable } from './requirePrintable';
import type { FleetAuthorization } from './authorization';
import type { DeploymentService } from './DeploymentService';
import { parseDeploymentQuery } from './parseDeploymentQuery';
import type { ReleaseService } from './releases/ReleaseService';
import { refuseSecretFileNameQuery } from '../journals/refuseSecretFileName';

/**
 * A refused upload whose body is at most this large is read to its end before the answer,
 * so the connection stays usable; a larger one is answered at once and the connection closed.
 */
const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;
const DRAIN_TIMEOUT_MS = 10_000;

const deploymentRef = (params: { namespace: string; name: string }) =>
  stringifyEntityRef({ kind: CUSTOMER_DEPLOYMENT_KIND, ...params });

function singleQueryValue(
  query: express.Request['query'],
  key: string,
): string | undefined {
  const value = query[key];
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new InputError(`Invalid ${key}; give it once, as a plain value`);
  }
  return value;
}

/**
 * After a refused upload: let the client finish sending a small body so that it reads the
 * answer; close the connection after the answer when the rest is large or unknown.
 */
async function settleRequestBody(
  req: express.Request,
  res: express.Response,
): Promise<void> {
  if (req.complete) {
    return;
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared <= DRAIN_LIMIT_BYTES) {
    req.resume();
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      finished(req).then(
        () => true,
        // The client went away; the error being answered is the one that matters.
        () => false,
      ),
      new Promise<false>(resolve => {
        timer = setTimeout(() => resolve(false), DRAIN_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (drained) {
      return;
    }
  }
  res.setHeader('Connection', 'close');
}

/**
 * The fleet API (src/schema/openapi.yaml). Requests are validated against the spec first;
 * handlers stay thin and throw `InputError` / `NotFoundError` / `NotAllowedError`, which the
 * backend turns into 400 / 404 / 403 responses. Every route authorizes: the deployment
 * routes with the deployment's ref as resource ref, before the deployment is looked up (a
 * refused caller gets a 403 whether it exists or not), the lists by the policy's conditions
 * as SQL filters. `/releases` is the exception: public release data of the vendor's charts, the
 * same for everyone signed in.
 *
 * The journal upload is the exception: it is mounted on a plain router ahead of the
 * validated one. The validated router starts with `express.json()`, which would read (and
 * buffer, up to its 100 kB limit) any body sent as `application/json`, and the validator's
 * multipart support buffers bodies too; an upload must reach its handler unread, whatever its
 * Content-Type, so that it is streamed and never held in memory. The route is still described
 * in openapi.yaml, and its handler checks its own parameters.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  authorization: FleetAuthorization;
  auditor: AuditorService;
  deployments: DeploymentService;
  releases: ReleaseService;
  journals: JournalService;
  /** Status reports; the reports route is left out without it. */
  reports?: { service: StatusReportService; maxBytes: number };
  registrations: RegistrationService;
}): Promise<express.Router> {
  const {
    httpAuth,
    authorization,
    auditor,
    deployments,
    releases,
    journals,
    registrations,
  } = options;

  const router = Router();

  router.post('/deployments/:namespace/:name/journals', async (req, res) => {
    const entityRef = deploymentRef(req.params);
    const meta: Record<string, string | undefined> = { entityRef };
    let event: Awaited<ReturnType<AuditorService['createEvent']>> | undefined;
    try {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      // Before the audit event, which records the request's URL with its query.
      refuseSecretFileNameQuery(req);
      event = await auditor.createEvent({
        eventId: 'journal-upload',
        severityLevel: 'medium',
        request: req,
        meta,
      });
      await authorization.authorizeDeployment(
        credentials,
        fleetJournalCreatePermission,
        entityRef,
        'upload billing journals',
      );
      const replica = singleQueryValue(req.query, 'replica');
      const fileName = singleQueryValue(req.query, 'fileName');
      if (fileName !== undefined && fileName.length > 255) {
        throw new InputError(
          'Invalid fileName; it may be 255 characters long at most',
        );
      }
      requirePrintable('fileName', fileName);
      requirePrintable('replica', replica);
      if (req.is('multipart/form-data')) {
        throw new InputError(
          "The upload is a multipart form; send the file's bytes as the request body (Content-Type: application/octet-stream, e.g. curl --data-binary @journal), not a multipart form",
        );
      }
      Object.assign(meta, { replica, fileName });
      const target = await journals.getTarget(entityRef, credentials);

      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > journals.maxUploadBytes) {
        throw new PayloadTooLargeError(
          `${fileName ?? 'The upload'} is larger than ${formatBytes(
            journals.maxUploadBytes,
          )} (fleet.journals.maxUploadBytes); send each replica's journal on its own, or ask an administrator to raise the limit`,
        );
      }

      const result = await journals.ingest({
        target,
        // Read the request as it arrives. Not destroyed when reading stops early: a refused
        // upload is still answered.
        content: req.iterator({ destroyOnReturn: false }),
        replica,
        fileName,
        source: 'upload',
      });
      await event.success({
        meta: {
          receipts: result.receipts.map(r => ({
            id: r.id,
            replica: r.replica,
            sha256: r.sha256,
            duplicate: r.duplicate,
          })),
        },
      });
      res
        .status(result.created ? 201 : 200)
        .json({ receipts: result.receipts });
    } catch (error) {
      await event?.fail({ error: error as Error });
      await settleRequestBody(req, res);
      throw error;
    }
  });

  if (options.reports) {
    const { service, maxBytes } = options.reports;
    // Ahead of the validated router, whose JSON parser stops at 100 kB: a report of a large
    // cluster is bigger. The body is still checked, field by field, by the report's schema.
    router.post(
      '/deployments/:namespace/:name/reports',
      // Raw, and parsed by the handler: a JSON parser's error would quote the body.
      withBodyLimitMessage<{ namespace: string; name: string }>(
        express.raw({ limit: maxBytes, type: () => true }),
        {
          tooLarge: () =>
            new PayloadTooLargeError(
              `The status report is larger than ${formatBytes(
                maxBytes,
              )} (fleet.reports.maxBytes); send the collector's output as it is, or ask an administrator to raise the limit`,
            ),
        },
      ),
      async (req, res) => {
        const entityRef = deploymentRef(req.params);
        const credentials = await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        const event = await auditor.createEvent({
          eventId: 'status-report',
          severityLevel: 'low',
          request: req,
          meta: { entityRef },
        });
        try {
          await authorization.authorizeDeployment(
            credentials,
            fleetReportCreatePermission,
            entityRef,
            'send status reports',
          );
          const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
          const result = await service.accept(
            entityRef,
            parseReportJson(body.toString('utf8'), 'The request body'),
            credentials,
          );
          await event.success({
            meta: { applied: result.applied, generatedAt: result.generatedAt },
          });
          res.status(result.applied ? 201 : 200).json(result);
        } catch (error) {
          await event.fail({ error: error as Error });
          throw error;
        }
      },
    );
  }

  // Ahead of the validated router, whose JSON parser stops at 100 kB: a registration carries
  // up to four generated files of 64 KiB each. The validated router then sees a parsed body.
  router.post(
    '/registrations',
    withBodyLimitMessage(express.json({ limit: MAX_REGISTRATION_BODY_BYTES }), {
      tooLarge: () =>
        new PayloadTooLargeError(
          `The registration is larger than ${formatBytes(
            MAX_REGISTRATION_BODY_BYTES,
          )}; each generated file may be ${formatBytes(
            MAX_ARTIFACT_BYTES,
          )} at most`,
        ),
      notJson: () =>
        new InputError(
          'The registration is not valid JSON; send the RegistrationRequest as JSON',
        ),
    }),
  );

  const api = await createOpenApiRouter();

  api.get('/deployments', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseDeploymentQuery(req.query);
    const visibility = await authorization.deploymentVisibility(credentials);
    res.json(await deployments.list(query, visibility));
  });

  api.get('/deployments/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorization.authorizeDeployment(
      credentials,
      fleetDeploymentReadPermission,
      deploymentRef(req.params),
      'read this deployment’s status',
    );
    const { namespace, name } = req.params;
    res.json(
      await deployments.get(
        { namespace, name },
        { target: req.query.target || undefined, credentials },
      ),
    );
  });

  api.get('/deployments/:namespace/:name/journals', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = deploymentRef(req.params);
    await authorization.authorizeDeployment(
      credentials,
      fleetJournalReadPermission,
      entityRef,
      'read billing journals',
    );
    await journals.requireDeployment(entityRef, credentials);
    res.json(
      await journals.list(entityRef, {
        replica: req.query.replica || undefined,
        limit: req.query.limit,
        cursor: req.query.cursor || undefined,
      }),
    );
  });

  api.get(
    '/deployments/:namespace/:name/journals/:id/content',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const entityRef = deploymentRef(req.params);
      const event = await auditor.createEvent({
        eventId: 'journal-download',
        severityLevel: 'medium',
        request: req,
        meta: { entityRef, receiptId: req.params.id },
      });
      try {
        await authorization.authorizeDeployment(
          credentials,
          fleetJournalReadPermission,
          entityRef,
          'read billing journals',
        );
        await journals.requireDeployment(entityRef, credentials);
        const { receipt, content } = await journals.open(
          entityRef,
          req.params.id,
        );
        const stamp = receipt.receivedAt.slice(0, 10).replace(/-/g, '');
        startDownload(res, {
          contentType: 'application/octet-stream',
          fileName: `${req.params.name}-${receipt.replica}-${stamp}.journal`,
        });
        res.setHeader('Content-Length', String(receipt.bytes));
        res.setHeader(
          'Repr-Digest',
          `sha-256=:${Buffer.from(receipt.sha256, 'hex').toString('base64')}:`,
        );
        await event.success({ meta: { sha256: receipt.sha256 } });
        try {
          await pipeline(content, res);
        } catch (error) {
          // Once the journal has started to flow, the client went away or the read failed
          // mid-way; the connection is closed and there is nothing left to answer.
          if (!res.headersSent) {
            throw error;
          }
        }
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
    },
  );

  // Public release data (chart versions and their rules), the same for every caller: signed
  // in is enough, nothing about a customer is in it.
  api.get('/releases', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(releases.getReleases());
  });

  api.post('/registrations', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const event = await auditor.createEvent({
      eventId: 'deployment-registration',
      severityLevel: 'medium',
      request: req,
      meta: { deployment: req.body.deployment?.metadata?.name },
    });
    try {
      await authorization.authorize(
        credentials,
        fleetRegistrationCreatePermission,
        'register deployments',
      );
      const { registration, created } = await registrations.register(
        // The body matched the spec's RegistrationRequest; the service checks the entities.
        req.body as RegistrationRequest,
        credentials,
      );
      await event.success({
        meta: { entityRef: registration.entityRef, created },
      });
      res.status(created ? 201 : 200).json(registration);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  api.get('/registrations', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorization.authorize(
      credentials,
      fleetRegistrationReadPermission,
      'list registrations',
    );
    res.json({
      items: await registrations.list({
        readable: resources =>
          authorization.readableDeployments(credentials, resources),
      }),
    });
  });

  const authorizeArtifacts = async (req: express.Request) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = deploymentRef(
      req.params as { namespace: string; name: string },
    );
    await authorization.authorizeDeployment(
      credentials,
      fleetArtifactReadPermission,
      entityRef,
      'read the generated files',
    );
    return entityRef;
  };

  api.get('/deployments/:namespace/:name/artifacts', async (req, res) => {
    const entityRef = await authorizeArtifacts(req);
    res.json(await registrations.listArtifacts(entityRef));
  });

  api.get(
    '/deployments/:namespace/:name/artifacts.tar.gz',
    async (req, res) => {
      const entityRef = await authorizeArtifacts(req);
      const artifacts = await registrations.getArtifacts(entityRef);
      const archive = createArtifactArchive(req.params.name, artifacts);
      startDownload(res, {
        contentType: 'application/gzip',
        fileName: `${req.params.name}-onboarding.tar.gz`,
      });
      res.end(archive);
    },
  );

  api.get('/deployments/:namespace/:name/artifacts/:file', async (req, res) => {
    const entityRef = await authorizeArtifacts(req);
    const artifacts = await registrations.getArtifacts(entityRef);
    const artifact = artifacts.find(a => a.name === req.params.file);
    if (!artifact) {
      throw new NotFoundError(
        `${req.params.name} has no generated file ${JSON.stringify(
          req.params.file.slice(0, 64),
        )}; it has ${artifacts.map(a => a.name).join(', ')}`,
      );
    }
    startDownload(res, {
      contentType: 'text/plain; charset=utf-8',
      fileName: artifact.name,
    });
    res.send(artifact.content);
  });

  router.use(api);
  router.use(translateDatabaseOutage);
  return router;
}
