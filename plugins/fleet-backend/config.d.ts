import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Fleetdeck's backend (`@fleetdeck/plugin-fleet-backend`). */
  fleet?: {
    /** Where chart releases and upgrade rules come from. */
    releases?: {
      /**
       * The Helm repository `index.yaml` of the chart: an http(s) URL, read through the
       * backend's UrlReader (so it must be allowed by `backend.reading.allow` or an
       * integration), or a local path. A relative path is resolved against the backend's
       * working directory (`packages/backend` when started with `yarn start`).
       *
       * Without it, no releases are known and upgrade readiness is `unknown`.
       */
      index?: string;
      /**
       * The release policy (`kind: ReleasePolicy`): renamed values keys, per-pod GPU changes,
       * required intermediate versions, known-bad releases. URL or path, as for `index`.
       */
      policy?: string;
    };
    /** Demo data for the example fleet. */
    examples?: {
      /**
       * An `ExampleObservations` file (examples/observations.yaml) seeded at every start:
       * journal receipts, GPU capacity and reported versions with times relative to now. Leave
       * unset in a real portal.
       */
      observations?: string;
    };
    /** How statuses are evaluated. */
    status?: {
      /** A license this many days or fewer from its last valid day is `expiring`. Default 30. */
      licenseWarningDays?: number;
      /** A journal this many days or fewer from its due date is `due`. Default 7. */
      journalDueWindowDays?: number;
      /**
       * Upgrade readiness warns when the license ends within this many days, so that an
       * upgrade window does not run into it. Default 30.
       */
      upgradeWindowDays?: number;
      /**
       * How often the statuses of the whole fleet are re-evaluated (task
       * `fleet-status-refresh`). Default: every 2 minutes, timeout 1 minute, first run 5
       * seconds after start.
       */
      refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
