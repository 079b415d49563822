import type { Entity } from '@backstage/catalog-model';
import type {
  ArtifactSummary,
  Registration,
} from '@fleetdeck/plugin-fleet-common';

/**
 * A registration to store.
 *
 * @internal
 */
export type NewRegistration = {
  entityRef: string;
  taskId: string;
  registeredBy: string;
  deployment: Entity;
  customer?: Entity;
  artifacts: Array<{ name: string; content: string }>;
};

/**
 * Deployments registered through the portal and their generated files.
 *
 * @internal
 */
export interface RegistrationStore {
  /**
   * Stores a registration with its files, in one transaction. A deployment already registered
   * by another task is a conflict; the same task registering again (a retried step) replaces
   * its entities and files and keeps the first registration time.
   */
  register(
    registration: NewRegistration,
    now: Date,
  ): Promise<{ created: boolean }>;

  /** Every registration, by entity ref. */
  list(): Promise<Registration[]>;

  get(entityRef: string): Promise<Registration | undefined>;

  /** The generated files of a registration, without their content, by name. */
  listArtifacts(entityRef: string): Promise<ArtifactSummary[]>;

  /** The generated files of a registration with their content, by name. */
  getArtifacts(
    entityRef: string,
  ): Promise<Array<{ name: string; content: string }>>;
}
