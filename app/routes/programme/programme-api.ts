import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, exportableProgramme } from "~/domain/programme/schedule-export.server";

/** JSON API of a published conference's published programme (read-only, public). */
export async function loader({ params }: LoaderFunctionArgs) {
  const p = await exportableProgramme(params.slug ?? "");
  if (!p) return Response.json({ error: "not_found" }, { status: 404 });
  return Response.json(apiJson(p), { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } });
}
