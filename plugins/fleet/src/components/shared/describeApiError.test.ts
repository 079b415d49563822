import { responseError } from '../../__testUtils__/fleetApi';
import { ResponseError } from '@backstage/errors';
import {
  describeNotAllowed,
  describeRequestError,
  isNotAllowed,
} from './describeApiError';

describe('describeNotAllowed', () => {
  it('says what may not be done, which permission is missing and whom to ask', () => {
    expect(
      describeNotAllowed({
        action: 'read the billing journals',
        permission: 'fleet.journal.read',
        deployment: 'acme-prod',
      }),
    ).toBe(
      'You may not read the billing journals of acme-prod: the permission fleet.journal.read is not granted to you. Ask a platform admin, or the team that owns acme-prod, for access.',
    );
    expect(
      describeNotAllowed({
        action: 'see the fleet status of any deployment',
        permission: 'fleet.deployment.read',
      }),
    ).toBe(
      'You may not see the fleet status of any deployment: the permission fleet.deployment.read is not granted to you. Ask a platform admin for access.',
    );
  });
});

describe('isNotAllowed', () => {
  it('recognises the backend refusal, and nothing else', async () => {
    expect(
      isNotAllowed(await responseError(403, 'NotAllowedError', 'Unauthorized')),
    ).toBe(true);
    expect(
      isNotAllowed(await responseError(404, 'NotFoundError', 'Unknown')),
    ).toBe(false);
    expect(isNotAllowed(new Error('403'))).toBe(false);
    expect(isNotAllowed(undefined)).toBe(false);
  });
});

describe('describeRequestError', () => {
  it("gives the backend's message as it is, else the error's own", async () => {
    expect(
      describeRequestError(
        await responseError(
          400,
          'InputError',
          'values.yaml line 4: global.deepgramApiKey holds a secret value',
        ),
      ),
    ).toBe('values.yaml line 4: global.deepgramApiKey holds a secret value');
    const proxyPage = await ResponseError.fromResponse(
      new Response('<html>Bad gateway</html>', { status: 502 }),
    );
    expect(describeRequestError(proxyPage)).toBe(proxyPage.message);
    expect(describeRequestError(new Error('offline'))).toBe('offline');
  });
});
