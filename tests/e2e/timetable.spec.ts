import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./support";

const SLUG = "icete-2025";
// Tall enough for the whole day's grid (1 px per minute) to be on screen: the mouse works in viewport coordinates.
// A reader at the venue (Asia/Shanghai): in another zone the public programme switches to the reader's own times
// once hydrated, and the venue-time checks below would race that switch.
test.use({ viewport: { width: 1280, height: 2200 }, timezoneId: "Asia/Shanghai" });
const BILATERAL = "Signing of six bilateral cooperation agreements";
const DECLARATION = "Signing of the joint declaration";

/** Drags from the middle of `from` to the spot `minutes` past the grid's first hour in the column of `room`, with real pointer events. */
async function drag(page: Page, block: Locator, room: string, clock: string, opts: { hold?: (page: Page) => Promise<void> } = {}) {
  const grid = page.getByTestId("timetable-grid");
  const from = (await block.boundingBox())!;
  const column = grid.locator(`[data-room-column]`).nth(await roomIndex(page, room));
  const col = (await column.boundingBox())!;
  const first = await grid.locator("[aria-hidden=true] span").first().textContent(); // e.g. "08:00"
  const [h, m] = clock.split(":").map(Number);
  const [fh] = first!.split(":").map(Number);
  const top = col.y + (h * 60 + m - fh * 60); // 1 px per minute
  // Grab the block 6 px below its top edge so the block's top lands 6 px above the pointer.
  await page.mouse.move(from.x + from.width / 2, from.y + 6);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + 20, { steps: 3 });
  await page.mouse.move(col.x + col.width / 2, top + 6, { steps: 12 });
  if (opts.hold) await opts.hold(page);
  await page.mouse.up();
}

/** Waits until React has hydrated the page (its fiber is on the body): before that a drag does nothing. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => Object.keys(document.body).some((k) => k.startsWith("__reactFiber$")));
}

/** Runs `act` (a drag or a resize) and waits for the placement it posts to be answered. */
async function placed(page: Page, act: () => Promise<void>) {
  const answered = page.waitForResponse((r) => r.request().method() === "POST" && (r.request().postData() ?? "").includes("intent=place"));
  await act();
  await answered;
}

async function roomIndex(page: Page, room: string) {
  const names = await page.getByTestId("grid-room").allTextContents();
  return names.indexOf(room);
}

test("an organizer drags a session to another room and time; the public sees it only after the release", async ({ page }) => {
  await signIn(page, "organizer@concord.test");
  await page.goto(`/conferences/${SLUG}/manage/timetable?day=2025-09-27`);
  await expect(page.getByRole("region", { name: /Timetable grid of 2025-09-27, times in Asia\/Shanghai/ })).toBeVisible();
  await hydrated(page);
  const grid = page.getByTestId("timetable-grid");
  const block = grid.getByTestId("grid-session").filter({ hasText: BILATERAL });
  await expect(block).toContainText("16:30–17:15");

  // A conflict shows on the block while it is held over a taken spot, and the drop is refused.
  const declaration = grid.getByTestId("grid-session").filter({ hasText: DECLARATION });
  await drag(page, declaration, "Main Hall", "16:40", {
    hold: async (p) => {
      await expect(p.getByTestId("grid-session").filter({ hasText: DECLARATION }).getByTestId("conflicts")).toContainText(
        "The room is already taken by “Signing of six bilateral cooperation agreements”",
      );
      await p.screenshot({ path: "tests/artifacts/timetable-grid-conflict.png" });
    },
  });
  await expect(declaration.getByTestId("conflicts")).toBeVisible();
  await page.reload();
  await expect(grid.getByTestId("grid-session").filter({ hasText: DECLARATION })).toContainText("16:00–16:30");
  await hydrated(page);

  // A free spot: Room B at 17:30. Saved in the draft, shown in the grid at once.
  await placed(page, () => drag(page, block, "Room B", "17:30"));
  const column = grid.locator("[data-room-column]").nth(await roomIndex(page, "Room B"));
  await expect(column.getByTestId("grid-session").filter({ hasText: BILATERAL })).toContainText("17:30–18:15");
  await page.reload();
  await expect(column.getByTestId("grid-session").filter({ hasText: BILATERAL })).toContainText("17:30–18:15");
  await hydrated(page);
  // Other specs may have left draft changes too: at least this one waits.
  await expect(page.getByTestId("draft-note")).toContainText(/\d+ changes? waiting/);
  await page.screenshot({ path: "tests/artifacts/timetable-grid-moved.png", fullPage: true });

  // Resize by the lower edge: 17:30–18:30.
  const moved = column.getByTestId("grid-session").filter({ hasText: BILATERAL });
  const box = (await moved.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height + 5, { steps: 3 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height + 15, { steps: 5 });
  await placed(page, () => page.mouse.up());
  await expect(column.getByTestId("grid-session").filter({ hasText: BILATERAL })).toContainText("17:30–18:30");

  // The public programme is unchanged until the release.
  await page.goto(`/conferences/${SLUG}/programme`);
  await expect(page.locator("#programme-list li").filter({ hasText: BILATERAL }).locator("time")).toContainText("16:30");
  const eventOf = (xml: string) => xml.split("</event>").find((e) => e.includes(`<title>${BILATERAL}</title>`))!;
  const xml = await (await page.request.get(`/conferences/${SLUG}/schedule.xml`)).text();
  expect(eventOf(xml)).toContain("<start>16:30</start>");

  // The release preview says what moves and who is told; releasing publishes it.
  await page.goto(`/conferences/${SLUG}/manage/timetable`);
  await page.getByRole("link", { name: "Review and release…" }).click();
  const changes = page.getByTestId("release-changes");
  await expect(changes).toContainText(`Moved: ${BILATERAL}, from 2025-09-27 16:30–17:15, Main Hall to 2025-09-27 17:30–18:30, Room B`);
  // Other specs may leave their own unreleased changes (each with its own "told" line): look for this one's.
  await expect(changes.getByTestId("release-told").filter({ hasText: "Told by email:" }).first()).toBeVisible();
  await page.screenshot({ path: "tests/artifacts/timetable-release-preview.png", fullPage: true });
  await page.getByRole("button", { name: /Release version/ }).click();
  await expect(page.getByText(/Version \d+ was released\./)).toBeVisible();
  const released = await (await page.request.get(`/conferences/${SLUG}/schedule.xml`)).text();
  expect(eventOf(released)).toContain("<start>17:30</start>");
  expect(eventOf(released)).toContain("<room>Room B</room>");
});

test("deleting a room with a released session asks first, says what moves, and leaves the public programme alone until the release", async ({
  page,
}) => {
  const PANEL = "Panel: engineering education in the age of artificial intelligence";
  const ANNEX = "Annex hall";
  await signIn(page, "organizer@concord.test");
  // A room of its own, with a released session in it.
  await page.goto(`/conferences/${SLUG}/manage/programme/rooms`);
  const rooms = page.getByRole("region", { name: "Rooms", exact: true });
  await rooms.getByLabel("Name", { exact: true }).fill(ANNEX);
  await rooms.getByRole("button", { name: "Add a room" }).click();
  await expect(rooms.getByText(ANNEX)).toBeVisible();
  await page.goto(`/conferences/${SLUG}/manage/timetable`);
  const place = page.getByRole("form", { name: `Place “${PANEL}”` });
  await place.getByLabel("Room").selectOption({ label: ANNEX });
  await place.getByRole("button", { name: "Save place" }).click();
  await expect(page.getByText("The session was placed.")).toBeVisible();
  await page.getByRole("link", { name: "Review and release…" }).click();
  await page.getByRole("button", { name: /Release version/ }).click();
  await expect(page.getByText(/Version \d+ was released\./)).toBeVisible();
  const eventOf = (xml: string) => xml.split("</event>").find((e) => e.includes(`<title>${PANEL}</title>`))!;
  const publicXml = async () => (await page.request.get(`/conferences/${SLUG}/schedule.xml`)).text();
  expect(eventOf(await publicXml())).toContain(`<room>${ANNEX}</room>`);

  // Delete asks first: what moves, and that the public programme does not change now.
  await page.goto(`/conferences/${SLUG}/manage/programme/rooms`);
  await page.getByRole("link", { name: `Delete “${ANNEX}”` }).click();
  // The shared confirmation panel (decision 065): a region named by its question.
  const confirm = page.getByRole("region", { name: `Delete the room “${ANNEX}”?` });
  await expect(confirm.getByRole("heading")).toHaveText(`Delete the room “${ANNEX}”?`);
  await expect(confirm).toContainText("1 session of the draft is in this room; they keep their times");
  await expect(confirm.getByRole("listitem")).toHaveText([PANEL]);
  await expect(confirm).toContainText("The public programme does not change now (1 released session uses it)");
  await page.screenshot({ path: "tests/artifacts/timetable-delete-room.png", fullPage: true });
  // "No, go back" changes nothing.
  await confirm.getByRole("link", { name: "No, go back" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(rooms.getByText(ANNEX)).toBeVisible();
  await page.getByRole("link", { name: `Delete “${ANNEX}”` }).click();
  await page.getByRole("button", { name: `Delete the room “${ANNEX}”` }).click();
  await expect(rooms.getByText(ANNEX)).toHaveCount(0);

  // The released programme still has the session in that room: the public page and the XML.
  expect(eventOf(await publicXml())).toContain(`<room>${ANNEX}</room>`);
  await page.goto(`/conferences/${SLUG}/programme`);
  await expect(page.locator("#programme-list li").filter({ hasText: PANEL })).toContainText(ANNEX);

  // The release preview names the deleted room; releasing removes it.
  await page.goto(`/conferences/${SLUG}/manage/timetable/release`);
  await expect(page.getByTestId("release-changes")).toContainText(`Rooms deleted in the draft, removed for good: ${ANNEX}`);
  await page.getByRole("button", { name: /Release version/ }).click();
  await expect(page.getByText(/Version \d+ was released\./)).toBeVisible();
  expect(await publicXml()).not.toContain(ANNEX);
});
