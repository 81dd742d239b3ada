// The signing race test's control: the accord read without its row lock. It lives in tests/ so that
// no production module can import it; completePasskeySigning uses it only when a test hands it in.
import type { AccordRead, LockedAccord } from "~/domain/accords/chain.server";

export const unlockedRead: AccordRead = (tx, accordId) =>
  tx.$queryRaw<
    LockedAccord[]
  >`SELECT "id","status","initiatorOrgId","currentVersion","frozenVersion","documentHash","signingEndsAt","chainHead","chainLength","refKey" FROM "Accord" WHERE "id" = ${accordId}::uuid`;
