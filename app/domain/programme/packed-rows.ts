/**
 * The public programme's session list, kept small: a page of 300 sessions carries its rows once as data
 * (for hydration) and once as markup, so both are compact (docs/decisions/067-programme-markup-cache.md).
 */
export type ListRow = {
  id: string;
  title: string;
  kind: string;
  /** The venue's local day. */
  day: string;
  start: string;
  end: string;
  endsNextDay: boolean;
  /** The local date when times are shown in another zone and it is not the venue's day ("26 Sept"). */
  date?: string;
  room: { id: string; name: string } | null;
  track: { id: string; name: string; colour: string } | null;
  /** Speakers' names, comma-separated. */
  who: string;
};

type Packed = [string, string, string, string, string, string, 0 | 1, string, number, number, string];
/** Rows as tuples, rooms and tracks once each: a tenth of the size of the same rows as objects in the page's data. */
export type PackedRows = { rooms: { id: string; name: string }[]; tracks: { id: string; name: string; colour: string }[]; rows: Packed[] };

export function packRows(rows: ListRow[]): PackedRows {
  const rooms = new Map<string, number>();
  const tracks = new Map<string, number>();
  const packed: PackedRows = { rooms: [], tracks: [], rows: [] };
  const indexOf = <T extends { id: string }>(x: T | null, seen: Map<string, number>, list: T[]) => {
    if (!x) return -1;
    let i = seen.get(x.id);
    if (i === undefined) seen.set(x.id, (i = list.push(x) - 1));
    return i;
  };
  for (const r of rows)
    packed.rows.push([
      r.id,
      r.title,
      r.kind,
      r.day,
      r.start,
      r.end,
      r.endsNextDay ? 1 : 0,
      r.date ?? "",
      indexOf(r.room, rooms, packed.rooms),
      indexOf(r.track, tracks, packed.tracks),
      r.who,
    ]);
  return packed;
}

export function unpackRows({ rooms, tracks, rows }: PackedRows): ListRow[] {
  return rows.map(([id, title, kind, day, start, end, next, date, room, track, who]) => ({
    id,
    title,
    kind,
    day,
    start,
    end,
    endsNextDay: next === 1,
    ...(date ? { date } : {}),
    room: rooms[room] ?? null,
    track: tracks[track] ?? null,
    who,
  }));
}

