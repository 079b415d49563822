import { fleetObservationsExtensionPoint } from './observations';

describe('fleetObservationsExtensionPoint', () => {
  it('has the id modules of the fleet plugin depend on', () => {
    expect(fleetObservationsExtensionPoint.id).toBe('fleet.observations');
  });
});
