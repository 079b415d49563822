import type { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * Who a caller is, for a record of who did what: a user's entity ref, a service's subject.
 */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? principal.type;
}
