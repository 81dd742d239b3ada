import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSpeakerPhoto } from "~/domain/programme/get-speaker-photo.server";

/** A speaker's photo bytes (type checked on upload; nosniff so browsers never guess another). */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const speaker = await getSpeakerPhoto({ slug: params.slug ?? "", speakerId: params.id ?? "" });
  if (!speaker) throw new Response("Not found", { status: 404 });
  const versioned = new URL(request.url).searchParams.has("v");
  return new Response(new Uint8Array(speaker.photo), {
    headers: {
      "Content-Type": speaker.photoType,
      "Content-Length": String(speaker.photo.length),
      "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
