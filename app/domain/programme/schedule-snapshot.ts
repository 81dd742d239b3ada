/**
 * A published version of the timetable, frozen as JSON, and the differences
 * between two versions ("what changed"). Pure functions: tested directly.
 */
export type SnapshotSession = {
  id: string;
  title: string;
  titleZh: string | null;
  startsAt: string;
  endsAt: string;
  roomId: string | null;
  room: string | null;
};
export type ScheduleSnapshot = { sessions: SnapshotSession[] };

export type ScheduleChange =
  | { kind: "added"; session: SnapshotSession }
  | { kind: "removed"; session: SnapshotSession }
  | { kind: "moved"; before: SnapshotSession; after: SnapshotSession }
  | { kind: "retitled"; before: SnapshotSession; after: SnapshotSession };

export function parseSnapshot(json: unknown): ScheduleSnapshot {
  const value = json as Partial<ScheduleSnapshot> | null;
  return { sessions: Array.isArray(value?.sessions) ? value.sessions : [] };
}

export function diffSnapshots(before: ScheduleSnapshot | null, after: ScheduleSnapshot): ScheduleChange[] {
  if (!before) return after.sessions.map((session) => ({ kind: "added" as const, session }));
  const old = new Map(before.sessions.map((s) => [s.id, s]));
  const changes: ScheduleChange[] = [];
  for (const s of after.sessions) {
    const was = old.get(s.id);
    old.delete(s.id);
    if (!was) changes.push({ kind: "added", session: s });
    else {
      if (was.startsAt !== s.startsAt || was.endsAt !== s.endsAt || was.roomId !== s.roomId)
        changes.push({ kind: "moved", before: was, after: s });
      if (was.title !== s.title) changes.push({ kind: "retitled", before: was, after: s });
    }
  }
  for (const s of old.values()) changes.push({ kind: "removed", session: s });
  return changes;
}
