import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportableProgramme, frabJson } from "~/domain/programme/schedule-export.server";

/** frab/pentabarf-compatible schedule.json of the published programme. */
export async function loader({ params }: LoaderFunctionArgs) {
  const p = await exportableProgramme(params.slug ?? "");
  if (!p) throw new Response("Not found", { status: 404 });
  return Response.json(frabJson(p), { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } });
}
