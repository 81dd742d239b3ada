import { db } from "~/utils/db.server";
import { loadBundle } from "./bundle.server";

export type GetExecutedBundleOptions = { accordId: string };

/** The verification bundle of an executed accord (public once executed, like /verify), or null. */
export async function getExecutedBundle({ accordId }: GetExecutedBundleOptions) {
  if (!/^[0-9a-f-]{36}$/i.test(accordId)) return null;
  const executed = await db().accord.findFirst({ where: { id: accordId, status: "EXECUTED" }, select: { id: true } });
  return executed ? loadBundle(db(), accordId) : null;
}
