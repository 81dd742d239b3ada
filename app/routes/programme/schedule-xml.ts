import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportableProgramme, frabXml } from "~/domain/programme/schedule-export.server";

/** frab/pentabarf-compatible schedule.xml of the published programme. */
export async function loader({ params }: LoaderFunctionArgs) {
  const p = await exportableProgramme(params.slug ?? "");
  if (!p) throw new Response("Not found", { status: 404 });
  return new Response(frabXml(p), {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": "public, max-age=60",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
