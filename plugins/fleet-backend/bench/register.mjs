// Lets `node --import ./bench/register.mjs bench/fleet.ts` run TypeScript, with the transform
// that `backstage-cli package start` uses for backends.
import { createRequire } from 'node:module';

createRequire(import.meta.url)('@backstage/cli/config/nodeTransform.cjs');
