import { db } from "~/utils/db.server";
import { managedConference, type ManageOptions } from "./manage-context.server";

export type GetManagedConferenceOptions = ManageOptions;

/** The conference behind an organizer page of the registration desk, for those who manage its registrations. */
export async function getManagedConference({ actor, slug }: GetManagedConferenceOptions) {
  return managedConference(db(), actor, slug);
}
