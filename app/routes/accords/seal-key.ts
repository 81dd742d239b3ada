import { publishedSealKey } from "~/domain/accords/seal.server";

/** Concord's Ed25519 seal public key (raw base64url, JWK and PEM), for verifying bundles offline. */
export async function loader() {
  return Response.json(publishedSealKey(), { headers: { "Cache-Control": "public, max-age=3600" } });
}
