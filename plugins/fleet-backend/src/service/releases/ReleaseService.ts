import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ReleaseIndex,
  ReleasePolicy,
  ReleasesResponse,
} from '@fleetdeck/plugin-fleet-common';
import type {
  FleetReleases,
  FleetReleaseSource,
} from '@fleetdeck/plugin-fleet-node';

/**
 * The releases the fleet is evaluated against. Each `refresh` reads the release source; when
 * that fails (unreachable, malformed index or policy), the error is logged and reported in
 * `GET /releases`, and the last releases read successfully stay in use.
 */
export class ReleaseService {
  private lastGood?: FleetReleases & { readAt: Date };
  private error?: string;

  constructor(
    private readonly source: FleetReleaseSource,
    private readonly logger: LoggerService,
  ) {}

  /** Reads the releases again; never throws. Returns whether the read succeeded. */
  async refresh(): Promise<boolean> {
    try {
      const releases = await this.source.read();
      this.lastGood = { ...releases, readAt: new Date() };
      if (this.error) {
        this.logger.info('Releases read successfully again');
      }
      this.error = undefined;
      return true;
    } catch (error) {
      this.error = (error as Error)?.message ?? String(error);
      this.logger.error(
        this.lastGood
          ? `Failed to read releases, still using those read at ${this.lastGood.readAt.toISOString()}: ${
              this.error
            }`
          : `Failed to read releases, upgrade readiness is unknown until they can be read: ${this.error}`,
      );
      return false;
    }
  }

  /** The releases of each chart, newest first; empty until a read succeeds. */
  getIndex(): ReleaseIndex {
    return this.lastGood?.index ?? {};
  }

  getPolicy(): ReleasePolicy | undefined {
    return this.lastGood?.policy;
  }

  /** The chart's CHANGELOG, when the source has one. */
  getChangelog(): string | undefined {
    return this.lastGood?.changelog;
  }

  /** The releases of each chart, with the chart's policy when the policy is for it. */
  getReleases(): ReleasesResponse {
    const index = this.getIndex();
    const policy = this.getPolicy();
    return {
      charts: Object.keys(index)
        .sort()
        .map(name => ({
          name,
          releases: index[name],
          ...(policy?.chart === name ? { policy } : {}),
        })),
      ...(this.error ? { error: this.error } : {}),
      ...(this.lastGood ? { readAt: this.lastGood.readAt.toISOString() } : {}),
    };
  }
}
