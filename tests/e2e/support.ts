// Shared by the browser specs.
import { expect, type Page } from "@playwright/test";

/** The demo accounts' password (README). */
export const DEMO_PASSWORD = "concord-demo-2025";

/** Signs in as a demo account, reading the interface in English (some demo accounts prefer Chinese). */
export async function signIn(page: Page, email: string) {
  await page.request.post("/set-locale", { form: { locale: "en" } });
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).last().click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}
