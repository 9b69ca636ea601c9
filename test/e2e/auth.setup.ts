import { test as setup } from '@playwright/test';
import { ADMIN_STATE } from '../../playwright.config';
import { signIn } from './fixtures';

// Signs in once as the demo administrator, through the page and the real cookie + CSRF flow; the
// other specs start from the saved session.
setup('sign in as demo-admin', async ({ page }) => {
  await signIn(page, 'demo-admin');
  await page.context().storageState({ path: ADMIN_STATE });
});
