/*
 * The portal's permission policy, set as files: roles and permissions in a CSV and conditional
 * policies in YAML, in the shapes of the community RBAC backend (README "Access" says why this
 * module stands in for it, and how to edit the files).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { catalogGroupAncestry } from './catalogGroupAncestry';
import { FilePermissionPolicy } from './FilePermissionPolicy';
import { parseConditionalPolicies, parseRolePolicies } from './policyFiles';

function readFile(configKey: string, file: string): string {
  // Relative paths are relative to where the backend runs (packages/backend), as in the
  // rest of app-config.yaml.
  const resolved = path.resolve(file);
  try {
    return fs.readFileSync(resolved, 'utf8');
  } catch (error) {
    throw new Error(
      `${configKey}: cannot read ${resolved} (${
        (error as Error).message
      }); give a path relative to packages/backend`,
    );
  }
}

/**
 * Sets {@link FilePermissionPolicy} as the permission backend's policy, from
 * `permission.rbac.policies-csv-file`, `permission.rbac.conditionalPoliciesFile` and
 * `permission.rbac.admin.superUsers`. The files are read at start-up: a mistake stops the
 * backend with the file, the line and what to write.
 */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'file-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ policy, config, logger, userInfo, auth, catalog }) {
        const csvKey = 'permission.rbac.policies-csv-file';
        const yamlKey = 'permission.rbac.conditionalPoliciesFile';
        const csvFile = config.getString(csvKey);
        const yamlFile = config.getOptionalString(yamlKey);
        const roles = parseRolePolicies(
          readFile(csvKey, csvFile),
          path.basename(csvFile),
        );
        const conditional = yamlFile
          ? parseConditionalPolicies(
              readFile(yamlKey, yamlFile),
              path.basename(yamlFile),
            )
          : [];
        const superUsers = (
          config.getOptionalConfigArray('permission.rbac.admin.superUsers') ??
          []
        ).map(entry => entry.getString('name'));
        logger.info(
          `Permission policy from ${csvFile}${
            yamlFile ? ` and ${yamlFile}` : ''
          }: ${roles.permissions.length} permissions and ${
            roles.memberships.length
          } memberships of roles, ${conditional.length} conditional policies`,
        );
        policy.setPolicy(
          new FilePermissionPolicy({
            roles,
            conditional,
            superUsers,
            ancestry: catalogGroupAncestry({ catalog, auth }),
            userInfo,
          }),
        );
      },
    });
  },
});
