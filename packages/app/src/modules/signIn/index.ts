import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/** The sign-in page of the local portal: the example people (see examplePeople.ts). */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: {
        loader: async () =>
          (await import('./ExamplePeopleSignInPage')).ExamplePeopleSignInPage,
      },
    }),
  ],
});
