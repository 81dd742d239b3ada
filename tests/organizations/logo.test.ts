import { describe, expect, it } from "vitest";
import * as editRoute from "~/routes/organizations/edit";
import * as logoRoute from "~/routes/organizations/logo";
import { db } from "~/utils/db.server";
import { callAction, callLoader, makeRequest } from "../support/http";
import { addMember, makeOrg, makeUser } from "../support/world";

const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function png(size: number) {
  const bytes = new Uint8Array(size);
  bytes.set(PNG_HEADER);
  return bytes;
}

async function setup() {
  const org = await makeOrg({ nameEn: "Logo University" });
  const admin = await makeUser();
  await addMember(org.id, admin.id, ["ADMIN"]);
  const save = (extra: Record<string, string | File>) =>
    callAction(editRoute, {
      path: `/orgs/${org.slug}/edit`,
      params: { slug: org.slug },
      cookie: admin.cookie,
      form: { nameEn: "Logo University (renamed)", kind: "UNIVERSITY", country: "CN", ...extra },
    });
  return { org, save };
}

describe("organization logo", () => {
  it("stores a PNG and serves it with its type and caching", async () => {
    const { org, save } = await setup();
    const res = await save({ logo: new File([png(2048)], "logo.png", { type: "image/png" }) });
    expect(res.status).toBe(302);
    const saved = await db().organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(saved.logoType).toBe("image/png");
    expect(saved.logo?.length).toBe(2048);

    const request = makeRequest({ path: `/orgs/${org.slug}/logo?v=1` });
    const served = (await logoRoute.loader({ request, params: { slug: org.slug }, context: {} })) as Response;
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(served.headers.get("Cache-Control")).toContain("max-age");
    expect(served.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await served.arrayBuffer()).slice(0, 8)).toEqual(new Uint8Array(PNG_HEADER));

    // Removing it: the resource answers 404.
    expect((await save({ removeLogo: "on" })).status).toBe(302);
    const gone = await callLoader(logoRoute, { path: `/orgs/${org.slug}/logo`, params: { slug: org.slug } });
    expect(gone.status).toBe(404);
  });

  it("refuses a file over 1 MB with a field error and changes nothing", async () => {
    const { org, save } = await setup();
    const res = await save({ logo: new File([png(1024 * 1024 + 1)], "big.png", { type: "image/png" }) });
    expect(res.status).toBe(400);
    expect((res.data as { error: Record<string, string[]> }).error.logo).toContain("org.logo.tooLarge");
    const after = await db().organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(after.logo).toBeNull();
    expect(after.nameEn).toBe("Logo University");
  });

  it("refuses a non-image even when it claims to be a PNG", async () => {
    const { org, save } = await setup();
    const fake = new TextEncoder().encode("<svg onload=alert(1)></svg>");
    const res = await save({ logo: new File([fake], "logo.png", { type: "image/png" }) });
    expect(res.status).toBe(400);
    expect((res.data as { error: Record<string, string[]> }).error.logo).toEqual(["org.logo.badType"]);
    const after = await db().organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(after.logo).toBeNull();
    expect(after.nameEn).toBe("Logo University");
  });

  it("accepts JPEG and WebP by their magic bytes", async () => {
    const { org, save } = await setup();
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
    expect((await save({ logo: new File([jpeg], "x.bin", { type: "application/octet-stream" }) })).status).toBe(302);
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).logoType).toBe("image/jpeg");
    const webp = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20]);
    expect((await save({ logo: new File([webp], "x.webp", { type: "image/webp" }) })).status).toBe(302);
    expect((await db().organization.findUniqueOrThrow({ where: { id: org.id } })).logoType).toBe("image/webp");
  });
});
