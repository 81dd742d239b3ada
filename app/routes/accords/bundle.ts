import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadBundle } from "~/domain/accords/bundle.server";
import { db } from "~/utils/db.server";

/** The verification bundle (JSON) of an executed accord, for `npm run verify -- bundle.json`. */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Response("Not found", { status: 404 });
  const executed = await db().accord.findFirst({ where: { id, status: "EXECUTED" }, select: { id: true } });
  const bundle = executed ? await loadBundle(db(), id) : null;
  if (!bundle) throw new Response("Not found", { status: 404 });
  return new Response(JSON.stringify(bundle, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="accord-${id}.bundle.json"`,
    },
  });
}
