import type { ApiRouter } from '@backstage/backend-openapi-utils';
import type {
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import {
  CUSTOMER_DEPLOYMENT_KIND,
  fleetArtifactReadPermission,
  fleetDeploymentReadPermission,
  fleetReportCreatePermission,
  type FleetDeploymentPermission,
} from '@fleetdeck/plugin-fleet-common';
import type { BackupService } from '../backups/BackupService';
import type { BundleService } from '../bundles/BundleService';
import { createFileArchive } from '../registrations/artifactArchive';
import type { spec } from '../schema/openapi.generated';
import type { UpgradePlanService } from '../upgrades/UpgradePlanService';
import type { ValuesService } from '../values/ValuesService';
import { audited } from './audited';
import type { FleetAuthorization } from './authorization';
import { callerCredentials } from './callerCredentials';
import { startDownload } from './downloadHeaders';
import { principalRef } from './principalRef';

const deploymentRef = (params: { namespace: string; name: string }) =>
  stringifyEntityRef({ kind: CUSTOMER_DEPLOYMENT_KIND, ...params });

/** The services behind the upgrade routes. */
export interface UpgradeServices {
  plans: UpgradePlanService;
  values: ValuesService;
  bundles: BundleService;
  backups: BackupService;
}

/**
 * The routes of an upgrade (issue 13) on the validated router: the plan and its files, the
 * deployment's values, offline update bundles and their verification, and backups. Each one:
 * credentials, the resource permission on the deployment, the service; writes are audited.
 */
export function addUpgradeRoutes(
  api: ApiRouter<typeof spec>,
  options: {
    httpAuth: HttpAuthService;
    authorization: FleetAuthorization;
    auditor: AuditorService;
    services: UpgradeServices;
  },
): void {
  const { httpAuth, authorization, auditor } = options;
  const { plans, values, bundles, backups } = options.services;

  /** The caller, allowed `permission` on the deployment of the request's path. */
  const authorized = async (
    req: Parameters<HttpAuthService['credentials']>[0] & {
      params: { namespace: string; name: string };
    },
    permission: FleetDeploymentPermission,
    action: string,
  ) => {
    const entityRef = deploymentRef(req.params);
    const credentials = await callerCredentials(httpAuth, req);
    await authorization.authorizeDeployment(
      credentials,
      permission,
      entityRef,
      action,
    );
    return { entityRef, credentials };
  };

  /**
   * A write: audited from the start (a refused one included), authorized with `permission` on
   * the deployment of the request's path inside the audit, then `write`.
   */
  const auditedWrite = async <T>(
    req: Parameters<HttpAuthService['credentials']>[0] & {
      params: { namespace: string; name: string };
    },
    audit: { eventId: string; severityLevel: 'low' | 'medium' },
    permission: FleetDeploymentPermission,
    action: string,
    write: (
      entityRef: string,
      credentials: Awaited<ReturnType<typeof callerCredentials>>,
    ) => Promise<{ result: T; meta?: JsonObject }>,
  ): Promise<T> => {
    const entityRef = deploymentRef(req.params);
    const credentials = await callerCredentials(httpAuth, req);
    const event = { ...audit, request: req, meta: { entityRef } };
    return audited(auditor, event, async () => {
      await authorization.authorizeDeployment(
        credentials,
        permission,
        entityRef,
        action,
      );
      return write(entityRef, credentials);
    });
  };

  api.get('/deployments/:namespace/:name/upgrade-plan', async (req, res) => {
    const { entityRef, credentials } = await authorized(
      req,
      fleetDeploymentReadPermission,
      'read this deployment’s upgrade plan',
    );
    const { plan } = await plans.plan(
      entityRef,
      req.query.target || undefined,
      credentials,
    );
    res.json({ plan });
  });

  api.get(
    '/deployments/:namespace/:name/upgrade-plan/files',
    async (req, res) => {
      const { entityRef, credentials } = await authorized(
        req,
        fleetArtifactReadPermission,
        'read the generated files',
      );
      res.json(
        await plans.files(
          entityRef,
          req.query.target || undefined,
          credentials,
        ),
      );
    },
  );

  api.get(
    '/deployments/:namespace/:name/upgrade-plan.tar.gz',
    async (req, res) => {
      const { entityRef, credentials } = await authorized(
        req,
        fleetArtifactReadPermission,
        'read the generated files',
      );
      const { plan, files } = await plans.files(
        entityRef,
        req.query.target || undefined,
        credentials,
      );
      const archive = createFileArchive({
        deploymentName: req.params.name,
        fallbackFolder: 'upgrade-plan',
        files,
      });
      startDownload(res, {
        contentType: 'application/gzip',
        fileName: `${req.params.name}-upgrade-${plan.target}.tar.gz`,
      });
      res.end(archive);
    },
  );

  api.get('/deployments/:namespace/:name/values', async (req, res) => {
    const { entityRef, credentials } = await authorized(
      req,
      fleetArtifactReadPermission,
      'read the generated files',
    );
    res.json(await values.get(entityRef, credentials));
  });

  api.put('/deployments/:namespace/:name/values', async (req, res) => {
    const result = await auditedWrite(
      req,
      { eventId: 'deployment-values', severityLevel: 'medium' },
      fleetReportCreatePermission,
      'record this deployment’s values',
      async (entityRef, credentials) => {
        const recorded = await values.upload(
          entityRef,
          req.body,
          credentials,
          principalRef(credentials),
        );
        return { result: recorded, meta: { sha256: recorded.values?.sha256 } };
      },
    );
    res.json(result);
  });

  api.get('/deployments/:namespace/:name/bundles', async (req, res) => {
    const { entityRef, credentials } = await authorized(
      req,
      fleetDeploymentReadPermission,
      'read this deployment’s update bundles',
    );
    res.json(await bundles.list(entityRef, credentials));
  });

  api.post('/deployments/:namespace/:name/bundles', async (req, res) => {
    const result = await auditedWrite(
      req,
      { eventId: 'update-bundle', severityLevel: 'medium' },
      fleetArtifactReadPermission,
      'read the generated files',
      async (entityRef, credentials) => {
        const handedOut = await bundles.handOut(
          entityRef,
          req.body ?? {},
          credentials,
          principalRef(credentials),
        );
        const { id, from, target } = handedOut.bundle;
        return { result: handedOut, meta: { id, from, target } };
      },
    );
    res.status(201).json(result);
  });

  api.get(
    '/deployments/:namespace/:name/bundles/:id/kit.tar.gz',
    async (req, res) => {
      const { entityRef, credentials } = await authorized(
        req,
        fleetArtifactReadPermission,
        'read the generated files',
      );
      const files = await bundles.kit(entityRef, req.params.id, credentials);
      const archive = createFileArchive({
        deploymentName: req.params.name,
        fallbackFolder: 'update-bundle',
        files,
      });
      startDownload(res, {
        contentType: 'application/gzip',
        fileName: `${req.params.name}-bundle-${req.params.id.slice(
          0,
          12,
        )}.tar.gz`,
      });
      res.end(archive);
    },
  );

  api.post(
    '/deployments/:namespace/:name/bundles/verifications',
    async (req, res) => {
      const bundle = await auditedWrite(
        req,
        { eventId: 'bundle-verification', severityLevel: 'low' },
        fleetReportCreatePermission,
        'send status reports',
        async (entityRef, credentials) => {
          const verified = await bundles.acceptVerification(
            entityRef,
            req.body,
            credentials,
          );
          const meta = { id: verified.id, result: verified.verification };
          return { result: verified, meta };
        },
      );
      res.json({ bundle });
    },
  );

  api.get('/deployments/:namespace/:name/backups', async (req, res) => {
    const { entityRef, credentials } = await authorized(
      req,
      fleetDeploymentReadPermission,
      'read this deployment’s backups',
    );
    res.json(await backups.list(entityRef, credentials));
  });

  api.post('/deployments/:namespace/:name/backups', async (req, res) => {
    const result = await auditedWrite(
      req,
      { eventId: 'backup-manifest', severityLevel: 'low' },
      fleetReportCreatePermission,
      'send status reports',
      async (entityRef, credentials) => {
        const accepted = await backups.accept(
          entityRef,
          req.body,
          credentials,
          'upload',
        );
        const { component, sha256 } = accepted.backup;
        return {
          result: accepted,
          meta: { component, sha256, created: accepted.created },
        };
      },
    );
    res.status(result.created ? 201 : 200).json(result);
  });
}
