import type { LoaderFunctionArgs } from "@remix-run/node";
import { getExecutedBundle } from "~/domain/accords/get-executed-bundle.server";

/** The verification bundle (JSON) of an executed accord, for `npm run verify -- bundle.json`. */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  const bundle = await getExecutedBundle({ accordId: id });
  if (!bundle) throw new Response("Not found", { status: 404 });
  return new Response(JSON.stringify(bundle, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="accord-${id}.bundle.json"`,
    },
  });
}
