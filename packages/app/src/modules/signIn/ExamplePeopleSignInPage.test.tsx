import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ExamplePeopleSignInPage } from './ExamplePeopleSignInPage';

describe('ExamplePeopleSignInPage', () => {
  it('offers the guest (the platform admin) with the usual Enter, and the other example people', async () => {
    await renderInTestApp(
      <ExamplePeopleSignInPage onSignInSuccess={jest.fn()} />,
    );
    // Scripts and the browser tests sign in with the one "Enter" button.
    expect(screen.getAllByRole('button', { name: 'Enter' })).toHaveLength(1);
    expect(screen.getByText('Sam Adeyemi')).toBeVisible();
    expect(
      screen.getByRole('button', { name: 'Sign in as Priya Raman' }),
    ).toBeVisible();
    expect(
      screen.getByRole('button', { name: 'Sign in as Rosa Lindqvist' }),
    ).toBeVisible();
    expect(
      screen.getByText(/only for the deployments Solutions East owns/),
    ).toBeVisible();
  });
});
