import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOrganizationLogo } from "~/domain/organizations/get-organization-logo.server";

/**
 * The organization's logo bytes. Pages link to it with ?v=<updatedAt>, so a
 * changed logo gets a new address and this one may be cached for long.
 * nosniff keeps browsers from guessing another type than the checked one.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const org = await getOrganizationLogo({ slug: params.slug ?? "" });
  if (!org) throw new Response("Not found", { status: 404 });
  const etag = `"${org.updatedAt.getTime().toString(36)}-${org.logo.length}"`;
  const versioned = new URL(request.url).searchParams.has("v");
  const headers = {
    "Content-Type": org.logoType,
    "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'",
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(org.logo), { status: 200, headers: { ...headers, "Content-Length": String(org.logo.length) } });
}
