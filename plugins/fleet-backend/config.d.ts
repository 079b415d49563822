import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

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
      /**
       * The chart's CHANGELOG.md (`## [<version>]` per release), from which upgrade plans and
       * offline update bundles take the release notes between the installed and the target
       * version. URL or path, as for `index`. Without it they carry no release notes.
       */
      changelog?: string;
    };
    /** Billing journals. */
    journals?: {
      /**
       * The largest upload accepted, in bytes, as sent (an archive compressed). Larger ones
       * are refused with 413 as soon as the limit is passed. Default 2147483648 (2 GiB).
       */
      maxUploadBytes?: number;
      /**
       * The most an archive may inflate to, in bytes, over all its entries; past it the
       * upload is refused with 413 (a decompression bomb, or the wrong folder archived).
       * Default 8589934592 (8 GiB).
       */
      maxInflatedBytes?: number;
      /**
       * How many times its compressed size a gzipped upload may inflate to, checked while it
       * is inflated (once past 1 MiB), so that an archive bomb is refused after a few MiB
       * with 413 instead of being inflated to `maxInflatedBytes`. Billing journals compress
       * about 10 to 20 times. Default 200.
       */
      maxInflationRatio?: number;
      /**
       * The `fleet-blob-sweep` task, which removes what the blob store holds for no receipt
       * (temporary files of uploads a killed backend never finished, blobs whose row a
       * database outage kept from being written), once an hour and a day old respectively.
       */
      blobSweep?: {
        /** Default: hourly, first a minute after start-up. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
      /**
       * The longest journal line accepted, in bytes. A billing journal line is one small
       * JSON object; a longer line means the file is not a journal. Default 1048576 (1 MiB).
       */
      maxLineBytes?: number;
      /**
       * Where journals are kept when no module provides a store through
       * `fleetBlobStoreExtensionPoint`: a local folder, content-addressed by SHA-256. A
       * relative path is resolved against the backend's working directory
       * (`packages/backend` when started with `yarn start`). Default `.data/journals`.
       */
      blobStore?: {
        path?: string;
      };
      /**
       * A folder into which journals are dropped, as the generated backup CronJob lays
       * them out: `<deployment>/<pod>/journal-*.tar.gz`, `<deployment>/journal-*.tar.gz`
       * or raw journals. Task `fleet-journal-inbox` ingests each file once and moves it to
       * `processed/`, or to `rejected/` beside a `.error.txt`. No inbox without `path`.
       */
      inbox?: {
        /** The folder; relative to the backend's working directory. */
        path?: string;
        /**
         * How often the inbox is read. Default: every minute, timeout 30 minutes, first
         * run 30 seconds after start, on one backend instance at a time (`scope: local`
         * when each instance has its own folder).
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Files modified more recently than this are left for a later run, as they may
         * still be being written. Default 30 seconds.
         */
        minFileAge?: HumanDuration | string;
      };
      /**
       * @deprecated Use `fleet.notices.renotifyEvery`; read for one more release, with a
       * warning.
       */
      renotifyEvery?: string;
      overdue?: {
        /**
         * @deprecated Use `fleet.notices.schedule`; read for one more release, with a
         * warning.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
    /**
     * What deployment owners are told, and when: overdue journals, expiring and expired
     * licenses (task `fleet-journal-overdue`, through the notifications backend).
     */
    notices?: {
      /**
       * How often task `fleet-journal-overdue` runs, on one backend instance at a time.
       * Default: every hour, timeout 5 minutes, first run 30 seconds after start.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * While a deployment's journals stay overdue, its owner is reminded this often: an
       * ISO 8601 duration (`P7D`, `P1M`, `PT12H`), a duration string (`12 hours`) or a
       * duration object (`{ days: 7 }`). Default `P7D`.
       */
      renotifyEvery?: HumanDuration | string;
      /**
       * Days before a license's last valid day at which the deployment's owner is notified,
       * each once; 0 is the last day itself. An empty list turns expiry notices off; expired
       * licenses are still notified. Default [30, 14, 7, 1].
       */
      licenseNoticeDays?: number[];
    };
    /** Air-gapped status reports (`POST …/deployments/:namespace/:name/reports`, inbox). */
    reports?: {
      /** The largest report accepted, in bytes; larger ones get 413. Default 10485760 (10 MiB). */
      maxBytes?: number;
      /**
       * How far a report's `generatedAt` may be ahead of the portal's clock; a report dated
       * further ahead is refused (400), since it would look newer than every genuine report
       * after it. An ISO 8601 duration (`PT10M`) or a duration object. Default 10 minutes.
       */
      maxClockSkew?: HumanDuration | string;
    };
    /** GPU snapshots of connected deployments, through the Kubernetes plugin. */
    gpu?: {
      /**
       * How often task `fleet-gpu-snapshot` reads the connected clusters, on one backend
       * instance at a time. Default: every 10 minutes, timeout 5 minutes, first run 30
       * seconds after start.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How long one call to the Kubernetes plugin may take before the cluster counts as
       * unreachable: `30s`, `PT30S` or `{ seconds: 30 }`. Default 30 seconds.
       */
      requestTimeout?: HumanDuration | string;
      /**
       * @deprecated Use `fleet.gpu.requestTimeout`, a duration; read for one more release,
       * with a warning.
       */
      requestTimeoutSeconds?: number;
    };
    /** How statuses are evaluated. */
    status?: {
      /**
       * How often the statuses of the whole fleet are re-evaluated (task
       * `fleet-status-refresh`). Default: every 2 minutes, timeout 1 minute, first run 5
       * seconds after start.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * A license this close to its last valid day, or closer, is `expiring`: a duration of
       * whole days (`P30D`, `{ days: 30 }`). Default 30 days.
       */
      licenseWarningWindow?: HumanDuration | string;
      /**
       * A journal this close to its due date, or closer, is `due`: a duration of whole days.
       * Default 7 days.
       */
      journalDueWindow?: HumanDuration | string;
      /**
       * Upgrade readiness warns when the license ends within this window, so that an
       * upgrade does not run into it: a duration of whole days. Default 30 days.
       */
      upgradeWindow?: HumanDuration | string;
      /**
       * @deprecated Use `fleet.status.licenseWarningWindow`, a duration; read for one more
       * release, with a warning.
       */
      licenseWarningDays?: number;
      /**
       * @deprecated Use `fleet.status.journalDueWindow`, a duration; read for one more
       * release, with a warning.
       */
      journalDueWindowDays?: number;
      /**
       * @deprecated Use `fleet.status.upgradeWindow`, a duration; read for one more release,
       * with a warning.
       */
      upgradeWindowDays?: number;
      /**
       * @deprecated Use `fleet.notices.licenseNoticeDays`; read for one more release, with a
       * warning.
       */
      licenseNoticeDays?: number[];
      /**
       * @deprecated Use `fleet.status.schedule`; read for one more release, with a warning.
       */
      refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
