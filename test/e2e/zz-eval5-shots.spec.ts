import { expect, test } from './fixtures';

for (const lang of ['zh-CN', 'en-US'] as const) {
  test(`shots ${lang}`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.addInitScript((l) => localStorage.setItem('parklink.lang', l), lang);
    await page.goto('/evaluation?tab=renewal');
    const map = page.getByTestId('evaluation-renewal-map');
    await expect(map.locator('canvas').first()).toBeVisible({ timeout: 120_000 });
    await page.screenshot({ path: `test-results/eval5-renewal-${lang}.png` });
    const box = (await map.locator('canvas').first().boundingBox())!;
    // zoom in around the densest cluster (centre-left of the plot area)
    await page.mouse.move(box.x + box.width * 0.42, box.y + box.height * 0.55);
    for (let i = 0; i < 45; i++) {
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(500);
    await map.screenshot({ path: `test-results/eval5-renewal-zoom-${lang}.png` });
    await page.getByTestId('plot-edit').first().click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `test-results/eval5-plot-edit-${lang}.png` });
  });
}
