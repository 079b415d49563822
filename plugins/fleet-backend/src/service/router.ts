import { pipeline } from 'node:stream/promises';
import type {
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
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
import { refuseSecretFileNameQuery } from '../journals/refuseSecretFileName';
import { settleRefusedUpload } from '../journals/settleRefusedUpload';
import {
  readUploadContent,
  readUploadParameters,
} from '../journals/uploadRequest';
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
import { audited } from './audited';
import { startDownload } from './downloadHeaders';
import { withBodyLimitMessage } from './bodyLimit';
import { callerCredentials } from './callerCredentials';
import type { FleetAuthorization } from './authorization';
import type { DeploymentService } from './DeploymentService';
import { parseDeploymentQuery } from './parseDeploymentQuery';
import type { ReleaseService } from './releases/ReleaseService';
import { addUpgradeRoutes, type UpgradeServices } from './upgradeRoutes';
import { MAX_VALUES_BYTES } from '../values/checkValuesDocument';

const deploymentRef = (params: { namespace: string; name: string }) =>
  stringifyEntityRef({ kind: CUSTOMER_DEPLOYMENT_KIND, ...params });

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
  reports: { service: StatusReportService; maxBytes: number };
  registrations: RegistrationService;
  upgrades: UpgradeServices;
}): Promise<express.Router> {
  const {
    httpAuth,
    authorization,
    auditor,
    deployments,
    releases,
    journals,
    reports,
    registrations,
  } = options;

  const router = Router();

  router.post('/deployments/:namespace/:name/journals', async (req, res) => {
    try {
      const entityRef = deploymentRef(req.params);
      const credentials = await callerCredentials(httpAuth, req);
      // Before the audit event, which records the request's URL with its query.
      refuseSecretFileNameQuery(req);
      const meta: JsonObject = { entityRef };
      const event = {
        eventId: 'journal-upload',
        severityLevel: 'medium',
        request: req,
        meta,
      } as const;
      const result = await audited(auditor, event, async () => {
        await authorization.authorizeDeployment(
          credentials,
          fleetJournalCreatePermission,
          entityRef,
          'upload billing journals',
        );
        const upload = readUploadParameters(req);
        // Checked before they are recorded: the event's outcome carries them, its start not.
        Object.assign(meta, upload);
        const target = await journals.getTarget(entityRef, credentials);
        const ingested = await journals.ingest({
          target,
          content: readUploadContent(req, {
            maxUploadBytes: journals.maxUploadBytes,
            fileName: upload.fileName,
          }),
          ...upload,
          source: 'upload',
        });
        const receipts = ingested.receipts.map(r => ({
          id: r.id,
          replica: r.replica,
          sha256: r.sha256,
          duplicate: r.duplicate,
        }));
        return { result: ingested, meta: { receipts } };
      });
      res
        .status(result.created ? 201 : 200)
        .json({ receipts: result.receipts });
    } catch (error) {
      await settleRefusedUpload(req, res);
      throw error;
    }
  });

  // Ahead of the validated router, whose JSON parser stops at 100 kB: a report of a large
  // cluster is bigger. The body is still checked, field by field, by the report's schema.
  router.post(
    '/deployments/:namespace/:name/reports',
    // Raw, and parsed by the handler: a JSON parser's error would quote the body.
    withBodyLimitMessage<{ namespace: string; name: string }>(
      express.raw({ limit: reports.maxBytes, type: () => true }),
      {
        tooLarge: () =>
          new PayloadTooLargeError(
            `The status report is larger than ${formatBytes(
              reports.maxBytes,
            )} (fleet.reports.maxBytes); send the collector's output as it is, or ask an administrator to raise the limit`,
          ),
      },
    ),
    async (req, res) => {
      const entityRef = deploymentRef(req.params);
      const credentials = await callerCredentials(httpAuth, req);
      const event = {
        eventId: 'status-report',
        severityLevel: 'low',
        request: req,
        meta: { entityRef },
      } as const;
      const result = await audited(auditor, event, async () => {
        await authorization.authorizeDeployment(
          credentials,
          fleetReportCreatePermission,
          entityRef,
          'send status reports',
        );
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const accepted = await reports.service.accept(
          entityRef,
          parseReportJson(body.toString('utf8'), 'The request body'),
          credentials,
        );
        const { applied, generatedAt } = accepted;
        return { result: accepted, meta: { applied, generatedAt } };
      });
      res.status(result.applied ? 201 : 200).json(result);
    },
  );

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

  // Ahead of the validated router too: a values file may be 256 KiB, more once JSON-escaped.
  router.put(
    '/deployments/:namespace/:name/values',
    withBodyLimitMessage(express.json({ limit: 2 * MAX_VALUES_BYTES }), {
      tooLarge: () =>
        new PayloadTooLargeError(
          `The values document is larger than ${formatBytes(
            MAX_VALUES_BYTES,
          )}; send the deployment's own values file, not the chart's defaults or a rendered manifest`,
        ),
      notJson: () =>
        new InputError(
          'The request is not valid JSON; send the values file as { "document": "<its YAML text>" }',
        ),
    }),
  );

  const api = await createOpenApiRouter();
  addUpgradeRoutes(api, {
    httpAuth,
    authorization,
    auditor,
    services: options.upgrades,
  });

  api.get('/deployments', async (req, res) => {
    const credentials = await callerCredentials(httpAuth, req);
    const query = parseDeploymentQuery(req.query);
    const visibility = await authorization.deploymentVisibility(credentials);
    res.json(await deployments.list(query, visibility));
  });

  api.get('/deployments/:namespace/:name', async (req, res) => {
    const credentials = await callerCredentials(httpAuth, req);
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
    const entityRef = deploymentRef(req.params);
    const credentials = await callerCredentials(httpAuth, req);
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
      const entityRef = deploymentRef(req.params);
      const credentials = await callerCredentials(httpAuth, req);
      const event = {
        eventId: 'journal-download',
        severityLevel: 'medium',
        request: req,
        meta: { entityRef, receiptId: req.params.id },
      } as const;
      await audited(auditor, event, async () => {
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
        try {
          await pipeline(content, res);
        } catch (error) {
          // Once the journal has started to flow, the client went away or the read failed
          // mid-way; the connection is closed and there is nothing left to answer.
          if (!res.headersSent) {
            throw error;
          }
        }
        return { result: undefined, meta: { sha256: receipt.sha256 } };
      });
    },
  );

  // Public release data (chart versions and their rules), the same for every caller: signed
  // in is enough, nothing about a customer is in it.
  api.get('/releases', async (req, res) => {
    await callerCredentials(httpAuth, req);
    res.json(releases.getReleases());
  });

  api.post('/registrations', async (req, res) => {
    const credentials = await callerCredentials(httpAuth, req);
    const event = {
      eventId: 'deployment-registration',
      severityLevel: 'medium',
      request: req,
      meta: { deployment: req.body.deployment?.metadata?.name },
    } as const;
    const { registration, created } = await audited(
      auditor,
      event,
      async () => {
        await authorization.authorize(
          credentials,
          fleetRegistrationCreatePermission,
          'register deployments',
        );
        const registered = await registrations.register(
          // The body matched the spec's RegistrationRequest; the service checks the entities.
          req.body as RegistrationRequest,
          credentials,
        );
        const meta = {
          entityRef: registered.registration.entityRef,
          created: registered.created,
        };
        return { result: registered, meta };
      },
    );
    res.status(created ? 201 : 200).json(registration);
  });

  api.get('/registrations', async (req, res) => {
    const credentials = await callerCredentials(httpAuth, req);
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

  /** Every generated-file route authorizes the same. */
  const authorizeArtifacts = (
    credentials: Awaited<ReturnType<typeof callerCredentials>>,
    entityRef: string,
  ) =>
    authorization.authorizeDeployment(
      credentials,
      fleetArtifactReadPermission,
      entityRef,
      'read the generated files',
    );

  api.get('/deployments/:namespace/:name/artifacts', async (req, res) => {
    const entityRef = deploymentRef(req.params);
    const credentials = await callerCredentials(httpAuth, req);
    await authorizeArtifacts(credentials, entityRef);
    res.json(await registrations.listArtifacts(entityRef));
  });

  api.get(
    '/deployments/:namespace/:name/artifacts.tar.gz',
    async (req, res) => {
      const entityRef = deploymentRef(req.params);
      const credentials = await callerCredentials(httpAuth, req);
      await authorizeArtifacts(credentials, entityRef);
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
    const entityRef = deploymentRef(req.params);
    const credentials = await callerCredentials(httpAuth, req);
    await authorizeArtifacts(credentials, entityRef);
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
