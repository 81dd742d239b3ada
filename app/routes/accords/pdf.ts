import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/utils/db.server";

/** The executed PDF, exactly as produced at execution. Public once executed, like /verify. */
export async function loader({ params }: LoaderFunctionArgs) {
  const id = params.id ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new Response("Not found", { status: 404 });
  const accord = await db().accord.findFirst({ where: { id, status: "EXECUTED" }, select: { pdf: true, pdfHash: true } });
  if (!accord?.pdf) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(accord.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="accord-${id}.pdf"`,
      ETag: `"${accord.pdfHash}"`,
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
