import type { Entity } from '@backstage/catalog-model';

/**
 * The files an onboarding registration may carry, by name. Nothing else is accepted.
 *
 * @public
 */
export const REGISTRATION_ARTIFACT_NAMES = [
  'values.yaml',
  'backup-cronjobs.yaml',
  'RUNBOOK.md',
  'collect-status.sh',
] as const;

/** @public */
export type RegistrationArtifactName =
  (typeof REGISTRATION_ARTIFACT_NAMES)[number];

/**
 * Where registered entities say they came from (`backstage.io/managed-by-location` and
 * `backstage.io/managed-by-origin-location`).
 *
 * @public
 */
export const FLEET_REGISTRATIONS_LOCATION = 'fleet:registrations';

/**
 * `POST /api/fleet/registrations`: a deployment onboarded through the portal, with its
 * Customer when new, and the generated files.
 *
 * @public
 */
export interface RegistrationRequest {
  /**
   * The scaffolder task that produced it. Registering the same deployment again is refused
   * (409) unless it comes from the same task, e.g. a retried step.
   */
  taskId: string;
  deployment: Entity;
  customer?: Entity;
  artifacts: Array<{ name: RegistrationArtifactName; content: string }>;
}

/**
 * A stored registration, as `GET /api/fleet/registrations` lists it.
 *
 * @public
 */
export interface Registration {
  entityRef: string;
  taskId: string;
  registeredBy: string;
  registeredAt: string;
  updatedAt: string;
  deployment: Entity;
  customer?: Entity;
}

/** @public */
export interface RegistrationListResponse {
  items: Registration[];
}

/**
 * One generated file of a deployment, as `GET …/artifacts` lists it.
 *
 * @public
 */
export interface ArtifactSummary {
  name: string;
  bytes: number;
  sha256: string;
}

/** @public */
export interface ArtifactListResponse {
  entityRef: string;
  registeredAt: string;
  items: ArtifactSummary[];
}

/**
 * The events-service topic the fleet backend publishes to after a registration (payload
 * `{ entityRef }`), on which the catalog module's provider reads the registrations at once.
 *
 * @public
 */
export const FLEET_REGISTRATIONS_TOPIC = 'fleetdeck.registrations';
