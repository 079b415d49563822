import { fleetBlobStoreExtensionPoint } from './blobs';

describe('fleetBlobStoreExtensionPoint', () => {
  it('has the id modules of the fleet plugin depend on', () => {
    expect(fleetBlobStoreExtensionPoint.id).toBe('fleet.blobStore');
  });
});
