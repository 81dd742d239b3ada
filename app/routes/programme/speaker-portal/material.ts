import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSpeakerMaterial } from "~/domain/programme/get-speaker-material.server";
import { orRespond } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

/** A speaker's uploaded file, for the speaker and the conference's organizers; served as a download, never rendered inline. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const material = await orRespond(() => getSpeakerMaterial({ actor: user, materialId: params.id ?? "" }));
  if (!material) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(material.bytes), {
    headers: {
      "Content-Type": material.contentType,
      "Content-Length": String(material.bytes.length),
      "Content-Disposition": `attachment; filename="${material.fileName.replace(/"/g, "")}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
