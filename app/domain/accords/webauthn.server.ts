import { env } from "~/utils/env.server";

/** The relying party: APP_URL's hostname (localhost in development and e2e) and its origin. */
export function relyingParty() {
  const url = new URL(env().APP_URL);
  return { rpId: url.hostname, origin: url.origin, rpName: "Concord" };
}
