import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { printBadges } from "~/domain/registration/print-badges.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

const query = z.object({ layout: z.enum(["single", "sheet"]).catch("sheet") });

/** All confirmed badges as one PDF to print (?layout=sheet: four A6 to an A4 page; single: one A6 per page). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { layout } = query.parse({ layout: new URL(request.url).searchParams.get("layout") ?? undefined });
  const { filename, bytes } = await orRespond(() => printBadges({ actor: user, slug: params.slug ?? "", layout }));
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
