/*
 * Sign-in as one of the example people of examples/org.yaml, for the local portal only: the
 * guest provider signs in as one fixed person (auth.providers.guest.userEntityRef), this
 * provider lets the sign-in page offer the others, so that a newcomer sees what the example
 * policy (examples/rbac/) lets an SE, a billing analyst and a platform admin do.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The id of the provider: its routes are `/api/auth/example/{start,refresh,logout}`. */
export const EXAMPLE_PEOPLE_PROVIDER_ID = 'example';

/** The request header that names the person to sign in as (a User entity ref). */
export const EXAMPLE_PERSON_HEADER = 'x-fleetdeck-example-person';

type ExamplePeopleContext =
  | { enabled: true; users: string[] }
  | { enabled: false; users: string[] };

function readUsers(config: Config): string[] {
  return (config.getOptionalStringArray('users') ?? []).map(ref =>
    stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'user' })),
  );
}

/**
 * Reads the person from the request header and admits only the configured people. Like the
 * guest provider, it refuses outside development unless told otherwise: anyone who can reach
 * the portal may pick any of these people.
 */
export const examplePeopleAuthenticator = createProxyAuthenticator<
  ExamplePeopleContext,
  { userEntityRef: string },
  undefined
>({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize({ config }) {
    const enabled =
      process.env.NODE_ENV === 'development' ||
      config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true;
    return { enabled, users: readUsers(config) };
  },
  async authenticate({ req }, ctx) {
    if (!ctx.enabled) {
      throw new NotAllowedError(
        "The example people sign-in is for local development only; use a real sign-in provider, or set 'auth.providers.example.dangerouslyAllowOutsideDevelopment: true'",
      );
    }
    const asked = req.header(EXAMPLE_PERSON_HEADER);
    if (!asked) {
      throw new InputError(
        `Name the example person to sign in as in the ${EXAMPLE_PERSON_HEADER} header, one of: ${ctx.users.join(
          ', ',
        )}`,
      );
    }
    let userEntityRef: string;
    try {
      userEntityRef = stringifyEntityRef(
        parseEntityRef(asked, { defaultKind: 'user' }),
      );
    } catch {
      throw new InputError(
        `${EXAMPLE_PERSON_HEADER} must be a User entity ref such as user:default/priya.raman`,
      );
    }
    if (!ctx.users.includes(userEntityRef)) {
      throw new NotAllowedError(
        `${userEntityRef} is not one of the example people (auth.providers.example.users): ${ctx.users.join(
          ', ',
        )}`,
      );
    }
    return { result: { userEntityRef } };
  },
});

/**
 * The `example` auth provider: signs in as the catalog User named in the request, when it is one
 * of `auth.providers.example.users`, with that user's ownership refs (the user and its groups).
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'example-people-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: EXAMPLE_PEOPLE_PROVIDER_ID,
          factory: createProxyAuthProviderFactory({
            authenticator: examplePeopleAuthenticator,
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: result.userEntityRef }),
          }),
        });
      },
    });
  },
});
