import { fleetReleaseSourceExtensionPoint } from './releases';

describe('fleetReleaseSourceExtensionPoint', () => {
  it('has the id modules of the fleet plugin depend on', () => {
    expect(fleetReleaseSourceExtensionPoint.id).toBe('fleet.releaseSource');
  });
});
