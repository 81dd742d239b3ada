import { expect, test } from "@playwright/test";

test("the demo conference is public, and the readiness probe is green", async ({ page, request }) => {
  const ready = await request.get("/readyz");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ ready: true, pending: [] });
  await page.goto("/");
  await expect(page.getByRole("link", { name: "2nd International Conference on Excellent Engineer Training" })).toBeVisible();
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "We could not find that page." })).toBeVisible();
  await page.screenshot({ path: "tests/artifacts/home-404.png" });
});

test("the language switch turns the interface into Chinese, also without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByLabel("Language").selectOption("zh");
  await page.getByRole("button", { name: "Change" }).click();
  await expect(page.getByRole("link", { name: "第二届卓越工程师培养国际会议" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await context.close();
});

test("oversized bodies and cross-site form posts are refused before reaching the app", async ({ request }) => {
  const big = await request.post("/set-locale", {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: `locale=en&padding=${"x".repeat(3 * 1024 * 1024)}`,
  });
  expect(big.status()).toBe(413);
  const crossSite = await request.post("/set-locale", {
    headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
    data: "locale=zh",
  });
  expect(crossSite.status()).toBe(403);
  const sameSite = await request.post("/set-locale", {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: "locale=zh",
    maxRedirects: 0,
  });
  expect(sameSite.status()).toBe(302);
});
