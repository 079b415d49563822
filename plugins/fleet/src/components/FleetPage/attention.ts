import { DeploymentSummary } from '@fleetdeck/plugin-fleet-common';
import { StatusTone } from '../status';
import { FleetView } from './fleetSearchParams';

type TileSignal = 'license' | 'journal' | 'gpu' | 'upgrade' | 'health';

/** A count of deployments that need a kind of attention, and the filter that lists them. */
export type AttentionTile = {
  [K in TileSignal]: {
    id: string;
    label: string;
    /** What the count means, for the tile's description. */
    description: string;
    /** The icon when the count is not zero. */
    tone: StatusTone;
    signal: K;
    statuses: FleetView[K];
  };
}[TileSignal];

/** What needs attention, worst first. */
export const ATTENTION_TILES: AttentionTile[] = [
  {
    id: 'license-lapsed',
    label: 'Licenses expired or missing',
    description: 'Air-gapped deployments without a valid license',
    tone: 'error',
    signal: 'license',
    statuses: ['expired', 'missing'],
  },
  {
    id: 'license-expiring',
    label: 'Licenses expiring',
    description: 'Inside the warning window',
    tone: 'warning',
    signal: 'license',
    statuses: ['expiring'],
  },
  {
    id: 'journals-late',
    label: 'Journals overdue or never received',
    description: 'Billing journals not returned in time',
    tone: 'error',
    signal: 'journal',
    statuses: ['overdue', 'never-received'],
  },
  {
    id: 'upgrades-blocked',
    label: 'Upgrades blocked',
    description: 'A preflight check fails',
    tone: 'error',
    signal: 'upgrade',
    statuses: ['blocked'],
  },
  {
    id: 'gpu-shortfalls',
    label: 'GPU shortfalls',
    description: 'Fewer GPUs than the engines need',
    tone: 'error',
    signal: 'gpu',
    statuses: ['insufficient'],
  },
  {
    id: 'unknown',
    label: 'Unknown',
    description: 'Nothing is wrong, but a signal could not be evaluated',
    tone: 'pending',
    signal: 'health',
    statuses: ['unknown'],
  },
];

/** How many deployments of the summarised (filtered) set the tile counts. */
export function tileCount(
  tile: AttentionTile,
  summary: DeploymentSummary,
): number {
  const counts = summary[tile.signal] as Record<string, number | undefined>;
  return (tile.statuses as readonly string[]).reduce(
    (sum, status) => sum + (counts?.[status] ?? 0),
    0,
  );
}

/** Whether the view filters exactly by the tile's statuses. */
export function isTileActive(tile: AttentionTile, view: FleetView): boolean {
  const selected = view[tile.signal] as readonly string[];
  const statuses = tile.statuses as readonly string[];
  return (
    selected.length === statuses.length &&
    statuses.every(status => selected.includes(status))
  );
}

/**
 * The view after clicking a tile: its signal filtered by the tile's statuses, the other filters
 * kept; clicking an active tile removes its filter again.
 */
export function toggleTile(tile: AttentionTile, view: FleetView): FleetView {
  return {
    ...view,
    [tile.signal]: isTileActive(tile, view) ? [] : [...tile.statuses],
  };
}
