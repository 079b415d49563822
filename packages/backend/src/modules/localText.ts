import fs from 'node:fs/promises';
import path from 'node:path';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  processingResult,
  type PlaceholderResolverParams,
} from '@backstage/plugin-catalog-node';

/** Larger than any definition a catalog file should pull in (the fleet OpenAPI is ~40 KiB). */
const MAX_TEXT_BYTES = 1024 * 1024;

/**
 * `$text` as the catalog reads it, plus what its UrlReader cannot do: a relative path from a
 * catalog file registered as a local `file` location (the portal's `catalog-info.yaml` names
 * the fleet OpenAPI as `$text: ./plugins/fleet-backend/src/schema/openapi.yaml`). A local path
 * may only name a file below the catalog file's own folder, as a URL may only name a file of
 * the same repository. URL locations are read exactly as the catalog's own resolver does.
 */
export async function resolveText(
  params: PlaceholderResolverParams,
): Promise<string> {
  const { value, baseUrl } = params;
  if (typeof value !== 'string') {
    throw new Error(
      `Placeholder $text expected a string: an absolute URL or a path relative to ${baseUrl}`,
    );
  }
  if (!path.isAbsolute(baseUrl)) {
    const url = params.resolveUrl(value, baseUrl);
    const content = (await params.read(url)).toString('utf-8');
    params.emit(processingResult.refresh(`url:${url}`));
    return content;
  }
  const folder = path.dirname(baseUrl);
  const file = path.resolve(folder, value);
  if (path.isAbsolute(value) || !file.startsWith(folder + path.sep)) {
    throw new Error(
      `Placeholder $text may only name a file below ${folder}, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  const { size } = await fs.stat(file);
  if (size > MAX_TEXT_BYTES) {
    throw new Error(
      `Placeholder $text file ${value} is ${size} bytes; at most ${MAX_TEXT_BYTES} are read`,
    );
  }
  return fs.readFile(file, 'utf-8');
}

export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'fleetdeck-local-text',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addPlaceholderResolver('text', resolveText);
      },
    });
  },
});
