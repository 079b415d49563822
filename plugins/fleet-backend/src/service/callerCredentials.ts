import type {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';

/**
 * The credentials of a request's caller, a signed-in user or a backend service; anyone else
 * gets a 401. Every fleet route starts with it, before it authorizes.
 */
export function callerCredentials(
  httpAuth: HttpAuthService,
  req: Parameters<HttpAuthService['credentials']>[0],
): Promise<
  BackstageCredentials<BackstageUserPrincipal | BackstageServicePrincipal>
> {
  return httpAuth.credentials(req, { allow: ['user', 'service'] });
}
