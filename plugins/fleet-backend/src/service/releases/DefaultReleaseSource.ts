import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
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
 * Reads the Helm repository `index.yaml` and the release policy named by
 * `fleet.releases.index` and `fleet.releases.policy`: http(s) URLs through the UrlReader,
 * anything else from disk (Backstage has no UrlReader for local files), a relative path
 * against the working directory.
 */
export class DefaultReleaseSource implements FleetReleaseSource {
  static fromConfig(
    config: RootConfigService,
    options: { urlReader: UrlReaderService; workingDirectory?: string },
  ): DefaultReleaseSource {
    return new DefaultReleaseSource({
      index: config.getOptionalString('fleet.releases.index'),
      policy: config.getOptionalString('fleet.releases.policy'),
      urlReader: options.urlReader,
      workingDirectory: options.workingDirectory ?? process.cwd(),
    });
  }

  constructor(
    private readonly options: {
      index?: string;
      policy?: string;
      urlReader: UrlReaderService;
      workingDirectory: string;
    },
  ) {}

  async read(): Promise<FleetReleases> {
    const { index, policy } = this.options;
    if (!index) {
      throw new Error(
        'No release index is configured; set fleet.releases.index to the URL or path of a Helm repository index.yaml',
      );
    }
    const [indexDocument, policyDocument] = await Promise.all([
      this.readYaml(index),
      policy ? this.readYaml(policy) : undefined,
    ]);
    const result: FleetReleases = {
      index: this.validate(index, () => readReleaseIndex(indexDocument)),
    };
    if (policy) {
      result.policy = this.validate(policy, () =>
        readReleasePolicy(policyDocument),
      );
    }
    return result;
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
