export interface Config {
  fleet?: {
    /** Demo data for the example fleet (src/modules/exampleObservations.ts). */
    examples?: {
      /**
       * An `ExampleObservations` file (examples/observations.yaml) seeded at every start:
       * journal receipts, GPU capacity and reported versions with times relative to now. A
       * path relative to packages/backend. Leave unset in a real portal.
       */
      observations?: string;
    };
  };
  permission?: {
    /**
     * The portal's permission policy as files (src/modules/filePolicy), in the shapes of the
     * community RBAC backend's `permission.rbac` keys.
     */
    rbac?: {
      /**
       * Roles and permissions: lines `p, role:default/<name>, <permission or resource type>,
       * <action>, allow|deny` and `g, <user or group ref>, role:default/<name>`. A path
       * relative to packages/backend.
       */
      'policies-csv-file': string;
      /**
       * Conditional policies: YAML documents of `result: CONDITIONAL`, `roleEntityRef`,
       * `pluginId`, `resourceType`, `permissionMapping` (actions) and `conditions`.
       */
      conditionalPoliciesFile?: string;
      admin?: {
        /** Users who may do everything, whatever the files say. */
        superUsers?: Array<{ name: string }>;
      };
    };
  };
  auth?: {
    providers?: {
      /**
       * Sign-in as one of the example people (src/modules/examplePeople.ts), refused outside
       * development unless `dangerouslyAllowOutsideDevelopment`.
       */
      example?: {
        /** The User entity refs one may sign in as. */
        users: string[];
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
}
