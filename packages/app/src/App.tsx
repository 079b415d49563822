import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// Every plugin package in this app's dependencies is discovered (`app.packages: all`); the
// ones imported here are those whose extensions the app customises.
export default createApp({
  features: [catalogPlugin, navModule, signInModule],
});
