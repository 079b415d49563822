import { useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import type { IdentityApi, SignInPageProps } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  EXAMPLE_PERSON_HEADER,
  ExamplePerson,
  examplePeople,
} from './examplePeople';

/** Where the chosen person is kept, so that a reload signs in as them again. */
const STORAGE_KEY = 'fleetdeck:example-person';

function storedPerson(): ExamplePerson | undefined {
  const ref = window.localStorage.getItem(STORAGE_KEY);
  return examplePeople.find(person => person.userEntityRef === ref);
}

/** Signing out forgets the choice, so that the page offers the people again. */
function forgettingOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      window.localStorage.removeItem(STORAGE_KEY);
      await identity.signOut();
    },
  };
}

/**
 * The local portal's sign-in: one card per example person, the guest (the platform admin)
 * first with the usual "Enter". Choosing a person signs in through the backend's proxied
 * `guest` or `example` provider.
 */
export function ExamplePeopleSignInPage(props: SignInPageProps) {
  const [person, setPerson] = useState(storedPerson);

  if (person) {
    return (
      <ProxiedSignInPage
        {...props}
        provider={person.provider}
        headers={
          person.provider === 'example'
            ? { [EXAMPLE_PERSON_HEADER]: person.userEntityRef }
            : undefined
        }
        onSignInSuccess={identity =>
          props.onSignInSuccess(forgettingOnSignOut(identity))
        }
      />
    );
  }

  const choose = (chosen: ExamplePerson) => {
    window.localStorage.setItem(STORAGE_KEY, chosen.userEntityRef);
    setPerson(chosen);
  };

  return (
    <Page themeId="home">
      <Header
        title="Fleetdeck"
        subtitle="Sign in as one of the example people"
      />
      <Content>
        <Grid container spacing={3}>
          {examplePeople.map(candidate => (
            <Grid item xs={12} md={4} key={candidate.userEntityRef}>
              <InfoCard
                title={candidate.name}
                subheader={candidate.role}
                actions={
                  <Button
                    variant="outlined"
                    color="primary"
                    onClick={() => choose(candidate)}
                    aria-label={
                      candidate.provider === 'guest'
                        ? 'Enter'
                        : `Sign in as ${candidate.name}`
                    }
                  >
                    {candidate.provider === 'guest' ? 'Enter' : 'Sign in'}
                  </Button>
                }
              >
                <Typography variant="body2">{candidate.may}</Typography>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ marginTop: 24 }}
        >
          Local development only. Who may do what is set in examples/rbac/
          (README, “Access”).
        </Typography>
      </Content>
    </Page>
  );
}
