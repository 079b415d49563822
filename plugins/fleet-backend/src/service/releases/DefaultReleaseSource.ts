import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  LoggerService,
  RootConfigService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  readReleaseIndex,
  readReleasePolicy,
} from '@fleetdeck/plugin-fleet-common';
import type {
  FleetReleases,
  FleetReleaseSource,
} from '@fleetdeck/plugin-fleet-node';
import { parse as parseYaml } from 'yaml';

/**
 * Reads the Helm repository `index.yaml`, the release policy and the chart's CHANGELOG named by
 * `fleet.releases.index`, `fleet.releases.policy` and `fleet.releases.changelog`: http(s) URLs
 * through the UrlReader,
 * anything else from disk (Backstage has no UrlReader for local files), a relative path
 * against the working directory.
 */
export class DefaultReleaseSource implements FleetReleaseSource {
  static fromConfig(
    config: RootConfigService,
    options: {
      urlReader: UrlReaderService;
      logger?: LoggerService;
      workingDirectory?: string;
    },
  ): DefaultReleaseSource {
    return new DefaultReleaseSource({
      index: config.getOptionalString('fleet.releases.index'),
      policy: config.getOptionalString('fleet.releases.policy'),
      changelog: config.getOptionalString('fleet.releases.changelog'),
      urlReader: options.urlReader,
      logger: options.logger,
      workingDirectory: options.workingDirectory ?? process.cwd(),
    });
  }

  constructor(
    private readonly options: {
      index?: string;
      policy?: string;
      changelog?: string;
      urlReader: UrlReaderService;
      /** Told when the CHANGELOG cannot be read (the releases are still served). */
      logger?: LoggerService;
      workingDirectory: string;
    },
  ) {}

  async read(): Promise<FleetReleases> {
    const { index, policy, changelog } = this.options;
    if (!index) {
      throw new Error(
        'No release index is configured; set fleet.releases.index to the URL or path of a Helm repository index.yaml',
      );
    }
    const [indexDocument, policyDocument, changelogText] = await Promise.all([
      this.readYaml(index),
      policy ? this.readYaml(policy) : undefined,
      changelog ? this.readChangelog(changelog) : undefined,
    ]);
    const result: FleetReleases = {
      index: this.validate(index, () => readReleaseIndex(indexDocument)),
    };
    if (policy) {
      result.policy = this.validate(policy, () =>
        readReleasePolicy(policyDocument),
      );
    }
    if (changelogText !== undefined) {
      result.changelog = changelogText;
    }
    return result;
  }

  /**
   * The CHANGELOG, or `undefined` when it cannot be read: release notes are a courtesy of the
   * plans and bundles, and readiness must not turn unknown for their sake.
   */
  private async readChangelog(location: string): Promise<string | undefined> {
    try {
      return await this.readText(location);
    } catch (error) {
      this.options.logger?.warn(
        `Release notes are left out of upgrade plans and update bundles: ${
          (error as Error).message
        }; fix fleet.releases.changelog`,
      );
      return undefined;
    }
  }

  private validate<T>(location: string, read: () => T): T {
    try {
      return read();
    } catch (error) {
      throw new Error(`${location}: ${(error as Error).message}`);
    }
  }

  private async readYaml(location: string): Promise<unknown> {
    const text = await this.readText(location);
    try {
      return parseYaml(text);
    } catch (error) {
      throw new Error(
        `${location}: not valid YAML, ${(error as Error).message}`,
      );
    }
  }

  private async readText(location: string): Promise<string> {
    if (/^https?:\/\//i.test(location)) {
      const response = await this.options.urlReader.readUrl(location);
      return (await response.buffer()).toString('utf8');
    }
    const path = location.startsWith('file:')
      ? fileURLToPath(location)
      : resolvePath(this.options.workingDirectory, location);
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      throw new Error(`${location}: cannot read ${path}, ${error}`);
    }
  }
}
