import { runForm, type FormOutcome } from "~/utils/form-action.server";
import { ConflictError, type Conflict } from "./conflicts.server";

type Replyable = Parameters<typeof runForm>[0];

/** runForm, keeping the list of conflicts of a refused timetable change for the page to show. */
export async function runProgrammeForm<T>(submission: Replyable, fn: () => Promise<T>): Promise<{ outcome: FormOutcome<T>; conflicts: Conflict[] }> {
  let conflicts: Conflict[] = [];
  const outcome = await runForm(submission, async () => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof ConflictError) conflicts = error.conflicts;
      throw error;
    }
  });
  return { outcome, conflicts };
}
