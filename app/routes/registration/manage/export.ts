import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportRegistrations } from "~/domain/registration/export-registrations.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";
import { filterFrom } from "./registrations";

/** CSV of the (filtered) registrations, streamed. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const stream = await orRespond(() => exportRegistrations({ actor: user, slug, filter: filterFrom(new URL(request.url)) }));
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${slug}-registrations.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
