import type { SessionRow } from "./programme-view.server";

/**
 * The public programme's session list, kept small: a page of 300 sessions carries its rows once as data
 * (for hydration) and once as markup, so both are compact (docs/decisions/067-programme-markup-cache.md).
 */
export type ListRow = Omit<SessionRow, "speakers" | "language"> & {
  /** Speakers' names, comma-separated. */
  who: string;
};

/**
 * Rows as one string, rooms and tracks once each. The row fields (FIELDS of them per row) are joined by "|",
 * with "|" and "\\" inside a field escaped by a backslash. One string rather than 300 tuples: the page's
 * data encoder (turbo-stream) walks and de-duplicates every value it is given, which for 3,300 small
 * values cost about a millisecond per page; a string is copied once, and is no larger than the tuples.
 */
export type PackedRows = { rooms: { id: string; name: string }[]; tracks: { id: string; name: string; colour: string }[]; rows: string };
const FIELDS = 11;

const escape = (field: string) => (/[|\\]/.test(field) ? field.replace(/[|\\]/g, "\\$&") : field);

export function packRows(rows: ListRow[]): PackedRows {
  const rooms = new Map<string, number>();
  const tracks = new Map<string, number>();
  const packed: PackedRows = { rooms: [], tracks: [], rows: "" };
  const indexOf = <T extends { id: string }>(x: T | null, seen: Map<string, number>, list: T[]) => {
    if (!x) return -1;
    let i = seen.get(x.id);
    if (i === undefined) seen.set(x.id, (i = list.push(x) - 1));
    return i;
  };
  const fields: string[] = [];
  for (const r of rows)
    fields.push(
      r.id,
      escape(r.title),
      r.kind,
      r.day,
      r.start,
      r.end,
      r.endsNextDay ? "1" : "",
      escape(r.date ?? ""),
      String(indexOf(r.room, rooms, packed.rooms)),
      String(indexOf(r.track, tracks, packed.tracks)),
      escape(r.who),
    );
  packed.rows = fields.join("|");
  return packed;
}

/** The fields of `packed.rows`, unescaped. */
function split(text: string): string[] {
  const fields: string[] = [];
  let field = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") field += text[++i] ?? "";
    else if (c === "|") {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/**
 * The rows of a packed list. The server renders the same packed list (one object per programme revision and
 * view) for every reader, so its rows are unpacked once per object.
 */
export function unpackRows(packed: PackedRows): ListRow[] {
  let rows = unpacked.get(packed);
  if (!rows) unpacked.set(packed, (rows = unpack(packed)));
  return rows;
}
const unpacked = new WeakMap<PackedRows, ListRow[]>();

function unpack({ rooms, tracks, rows }: PackedRows): ListRow[] {
  if (rows === "") return [];
  const f = split(rows);
  const out: ListRow[] = [];
  for (let i = 0; i + FIELDS <= f.length; i += FIELDS) {
    const [id, title, kind, day, start, end, next, date, room, track, who] = f.slice(i, i + FIELDS);
    out.push({
      id,
      title,
      kind,
      day,
      start,
      end,
      endsNextDay: next === "1",
      ...(date ? { date } : {}),
      room: rooms[Number(room)] ?? null,
      track: tracks[Number(track)] ?? null,
      who,
    });
  }
  return out;
}
