import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAccordBundle } from "~/domain/accords/verify-accord.server";
import { orRespond } from "~/utils/http.server";
import { getUser } from "~/utils/session.server";

/**
 * The verification bundle (JSON) for `npm run verify -- bundle.json`: the parties' view for their
 * members (`?view=public` for the public one), the public view of an executed accord for anyone
 * else, and 404 (not 403: existence is not confirmed) otherwise.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const view = new URL(request.url).searchParams.get("view") === "public" ? "public" : undefined;
  const accordId = params.id ?? "";
  const bundle = await orRespond(async () => getAccordBundle({ viewer: await getUser(request), accordId, view }));
  return new Response(JSON.stringify(bundle, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="accord-${accordId}.bundle.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
