import type { z as zImpl } from 'zod/v3';

/** Kubernetes object names: lowercase letters, digits and `-`, at most 63. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Secret, claim and storage class names: DNS subdomains. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** Kubernetes CPU quantities: cores (`4`, `0.5`) or millicores (`3500m`). */
const CPU_QUANTITY = /^(\d+(\.\d+)?|\d+m)$/;
/** Kubernetes memory quantities with a binary or decimal suffix: `24Gi`, `512Mi`, `32G`. */
const MEMORY_QUANTITY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)$/;
/** A database component's name: a DNS label short enough for `db-backup-<name>` (a CronJob name ≤ 52). */
const DATABASE_COMPONENT = /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/;
/** A host name or address, no scheme and no credentials (as `spec.databases[].host`). */
const DATABASE_HOST = /^[A-Za-z0-9]([-A-Za-z0-9.]{0,251}[A-Za-z0-9])?$/;
/** A PostgreSQL database name (as `spec.databases[].database`). */
const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;

/**
 * The newest PostgreSQL major the backup image defaults to: `pg_dump` must be at least as new
 * as the server, and a newer one dumps every older server.
 */
export const DEFAULT_POSTGRES_MAJOR = 18;

/**
 * The answers of the onboarding form, as every `fleet:*` action receives them (`answers`).
 * Built with the scaffolder's zod so the actions' JSON schema shows every field.
 *
 * @public
 */
export const onboardingAnswersSchema = (z: typeof zImpl) =>
  z.object({
    customer: z
      .object({
        name: z
          .string()
          .regex(DNS_LABEL)
          .describe('The Customer entity name, e.g. "acme"'),
        title: z.string().max(120).optional(),
        isNew: z
          .boolean()
          .default(false)
          .describe(
            'Register a new Customer entity together with the deployment',
          ),
        tier: z.enum(['strategic', 'enterprise', 'standard']).optional(),
        region: z.string().max(63).optional(),
      })
      .describe('The customer this deployment belongs to'),
    deployment: z.object({
      name: z
        .string()
        .regex(DNS_LABEL)
        .describe('The CustomerDeployment entity name, e.g. "acme-prod"'),
      lifecycle: z.string().min(1).max(63).describe('production, staging, dr…'),
      namespace: z
        .string()
        .regex(DNS_LABEL)
        .default('dg-self-hosted')
        .describe('The Kubernetes namespace the chart is installed in'),
      kubernetesVersion: z
        .string()
        .regex(/^v?1\.\d{1,3}(\.\d{1,3})?$/)
        .describe('The cluster\'s Kubernetes version, e.g. "1.31"'),
    }),
    owner: z
      .string()
      .min(1)
      .describe('The Group entity ref that answers for the deployment'),
    profile: z.enum(['connected', 'airgapped']),
    cloud: z.enum(['aws', 'gcp', 'on-prem']),
    chart: z.object({
      name: z.string().regex(DNS_LABEL).default('deepgram-self-hosted'),
      version: z
        .string()
        .regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/)
        .describe('The chart version to install'),
    }),
    registry: z
      .object({
        host: z
          .string()
          .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d{1,5})?(\/[a-z0-9._-]+)*$/)
          .optional()
          .describe(
            'Private registry that mirrors the images (air-gapped), e.g. "registry.acme.internal:5000"',
          ),
        pullSecretName: z
          .string()
          .regex(DNS_SUBDOMAIN)
          .default('dg-regcred')
          .describe('The image pull Secret name'),
      })
      .default({}),
    secrets: z
      .object({
        apiKey: z.string().regex(DNS_SUBDOMAIN).default('dg-api-key'),
        licenseKey: z.string().regex(DNS_SUBDOMAIN).default('dg-license-key'),
        licenseFile: z.string().regex(DNS_SUBDOMAIN).default('dg-license-file'),
      })
      .default({})
      .describe('Names of the Kubernetes Secrets (never their values)'),
    billing: z.object({
      journals: z
        .boolean()
        .default(true)
        .describe(
          'Run the Billing container with usage journals (always on for air-gapped)',
        ),
      replicas: z.number().int().min(1).max(16).default(1),
      /** Required with journals (checked in checkAnswers). */
      journalStorage: z.enum(['efs', 'ebs', 'existing-pvc']).optional(),
      storageClass: z.string().regex(DNS_SUBDOMAIN).optional(),
      size: z
        .string()
        .regex(/^\d+(Mi|Gi|Ti)$/)
        .default('1Gi'),
      existingPvcName: z.string().regex(DNS_SUBDOMAIN).optional(),
      efsFileSystemId: z
        .string()
        .regex(/^fs-[0-9a-f]{8,17}$/)
        .optional()
        .describe('EFS file system holding models and journals (efs)'),
      returnEvery: z.string().default('P30D'),
    }),
    /** Read with journals or databases: license-server billing without databases backs up nothing. */
    backup: z
      .object({
        /** Required with journals (checked in checkAnswers). */
        target: z.enum(['s3-irsa', 's3-secret', 'nfs', 'pvc']).optional(),
        schedule: z
          .string()
          .default('0 2 * * *')
          .describe('Cron schedule in UTC; default daily 02:00'),
        image: z
          .string()
          .min(1)
          .optional()
          .describe(
            'Image with sh, tar and gzip for the archive step; air-gapped: one in the private registry',
          ),
        s3: z
          .object({
            bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/),
            prefix: z
              .string()
              .regex(/^[A-Za-z0-9._/-]*$/)
              .default('deepgram-journals'),
            databasePrefix: z
              .string()
              .regex(/^[A-Za-z0-9._/-]*$/)
              .default('deepgram-database-backups')
              .describe(
                'Where database dumps go, apart from the journals: dumps are customer data and never travel with them',
              ),
            region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/),
            roleArn: z
              .string()
              .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/)
              .optional(),
            credentialsSecretName: z.string().regex(DNS_SUBDOMAIN).optional(),
          })
          .optional(),
        nfs: z
          .object({
            server: z.string().regex(/^[A-Za-z0-9.:-]+$/),
            path: z.string().regex(/^\/[A-Za-z0-9._/-]*$/),
          })
          .optional(),
        pvc: z
          .object({ claimName: z.string().regex(DNS_SUBDOMAIN) })
          .optional(),
      })
      .default({}),
    databases: z
      .array(
        z
          .object({
            name: z
              .string()
              .regex(DATABASE_COMPONENT)
              .describe(
                'The component\'s name, e.g. "transcripts-db": its backup CronJob is db-backup-<name>',
              ),
            host: z
              .string()
              .regex(DATABASE_HOST)
              .describe('The PostgreSQL host, e.g. "pg.acme.internal"'),
            port: z.number().int().min(1).max(65535).optional(),
            database: z
              .string()
              .regex(DATABASE_NAME)
              .describe('The database to dump, e.g. "transcripts"'),
            credentialsSecretRef: z
              .string()
              .regex(DNS_SUBDOMAIN)
              .describe(
                'The Secret holding PGUSER and PGPASSWORD in the namespace (its name, never the password)',
              ),
            postgresVersion: z
              .number()
              .int()
              .min(12)
              .max(DEFAULT_POSTGRES_MAJOR)
              .default(DEFAULT_POSTGRES_MAJOR)
              .describe(
                "The server's major version: the backup runs postgres:<major> from the registry",
              ),
          })
          // An unknown key (a `password`) is refused, not silently dropped.
          .strict(),
      )
      .max(16)
      .default([])
      .describe(
        'PostgreSQL databases the product uses: each gets a daily pg_dump backup CronJob',
      ),
    gpu: z.object({
      engineReplicas: z.number().int().min(1).max(256),
      perEngine: z.number().int().min(1).max(16),
      resourceName: z
        .string()
        .regex(/^nvidia\.com\/(gpu|mig-\d+g\.\d+gb)$/)
        .default('nvidia.com/gpu'),
      expectedStreams: z
        .number()
        .int()
        .min(0)
        .max(1_000_000)
        .optional()
        .describe(
          'Concurrent streams (users) expected at peak: the load the release policy sizes for',
        ),
      engineMemoryGiB: z
        .number()
        .positive()
        .max(1024)
        .optional()
        .describe('GPU memory one engine pod needs, GiB'),
      engineResources: z
        .object({
          cpu: z
            .string()
            .regex(CPU_QUANTITY)
            .optional()
            .describe('CPU of one engine pod, e.g. "4" or "3500m"'),
          memory: z
            .string()
            .regex(MEMORY_QUANTITY)
            .optional()
            .describe('Memory of one engine pod, e.g. "24Gi"'),
        })
        .optional()
        .describe(
          "One engine pod's CPU and memory (its requests and limits); the chart's defaults when absent",
        ),
    }),
    license: z.object({
      id: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/)
        .describe('The license id, e.g. "LIC-ACME-7" (never the key)'),
      expiresAt: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .describe('Last valid day, YYYY-MM-DD'),
      proxy: z.boolean().default(true),
    }),
  });

/**
 * What an SE answered in the onboarding form, with defaults applied.
 *
 * @public
 */
export type OnboardingAnswers = zImpl.output<
  ReturnType<typeof onboardingAnswersSchema>
>;

/**
 * The answers as a template passes them in (defaults not yet applied).
 *
 * @public
 */
export type OnboardingAnswersInput = zImpl.input<
  ReturnType<typeof onboardingAnswersSchema>
>;
