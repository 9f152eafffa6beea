import { expect, test, type Page } from '@playwright/test';
import { ROUTES } from '../../renderer/src/app/routes.ts';
import { openScreen, startSession, type Session } from './support/session.ts';

/** What a trader walking every screen noticed: layout, times, units and wording. */
let session: Session;

test.beforeAll(async () => {
  session = await startSession([
    { name: 'broker', criticality: 'critical' },
    { name: 'quotes', breaker: { failureThreshold: 1 } },
  ]);
});
test.afterAll(async () => session?.stop());

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe('in a 1024×700 window', () => {
  test.use({ viewport: { width: 1024, height: 700 } });

  for (const { id } of ROUTES) {
    test(`the ${id} screen fits the width without a horizontal scroll`, async ({ page }) => {
      await openScreen(page, session, id);
      await expect(page.locator('.loading')).toHaveCount(0);
      expect(await horizontalOverflow(page)).toBe(0);
    });
  }
});
