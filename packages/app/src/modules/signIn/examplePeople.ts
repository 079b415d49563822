/**
 * The example people of examples/org.yaml that the local portal's sign-in page offers. The
 * backend admits them: the guest provider signs in as the first (auth.providers.guest.userEntityRef),
 * the `example` provider as the others (auth.providers.example.users, packages/backend's
 * src/modules/examplePeople.ts).
 */
export type ExamplePerson = {
  userEntityRef: string;
  name: string;
  role: string;
  /** What the example policy (examples/rbac/) lets this person do. */
  may: string;
  /** The auth provider that signs this person in. */
  provider: 'guest' | 'example';
};

/** The header that names the person to the `example` provider. */
export const EXAMPLE_PERSON_HEADER = 'x-fleetdeck-example-person';

export const examplePeople: ExamplePerson[] = [
  {
    userEntityRef: 'user:default/sam.adeyemi',
    name: 'Sam Adeyemi',
    role: 'Platform admin (Platform Engineering) — the guest',
    may: 'Everything: every deployment, journal and generated file, onboarding, and running the scheduled fleet tasks.',
    provider: 'guest',
  },
  {
    userEntityRef: 'user:default/priya.raman',
    name: 'Priya Raman',
    role: 'Solutions engineer (Solutions East)',
    may: "Reads and uploads only for the deployments Solutions East owns; gets the team's overdue-journal notifications.",
    provider: 'example',
  },
  {
    userEntityRef: 'user:default/rosa.lindqvist',
    name: 'Rosa Lindqvist',
    role: 'Billing analyst (Billing Operations)',
    may: 'Reads every deployment’s status and journals; uploads nothing.',
    provider: 'example',
  },
];
