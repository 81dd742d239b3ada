import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/utils/db.server";
import { orRespond } from "~/utils/http.server";
import { requireProgrammePermission } from "~/utils/permissions/programme.server";
import { requireUser } from "~/utils/session.server";

/** A speaker's uploaded file, for the speaker and the conference's organizers; served as a download, never rendered inline. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!/^[0-9a-f-]{36}$/.test(params.id ?? "")) throw new Response("Not found", { status: 404 });
  const material = await db().speakerMaterial.findUnique({
    where: { id: params.id },
    select: { fileName: true, contentType: true, bytes: true, speaker: { select: { userId: true, conferenceId: true } } },
  });
  if (!material) throw new Response("Not found", { status: 404 });
  if (material.speaker.userId !== user.id)
    await orRespond(() => requireProgrammePermission(user, "programme:manage", { conferenceId: material.speaker.conferenceId }));
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
