import type { ReactElement } from "react";

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

function groupBy(rows: ListRow[], key: (r: ListRow) => string) {
  const groups = new Map<string, ListRow[]>();
  for (const r of rows) {
    const k = key(r);
    const group = groups.get(k);
    if (group) group.push(r);
    else groups.set(k, [r]);
  }
  return [...groups];
}

export type ListLabels = { kinds: Record<string, string>; nextDay: string; empty: string; noTrack: string; noRoom: string };

/**
 * The sessions of the current view as plain markup: no router or context inside, so the server can render
 * it once per content and reuse it (CachedMarkup). `slot(i)` is where row i's star button goes. Styled by
 * `#programme-list` rules in app.css rather than a utility list on each of hundreds of elements; speakers
 * are linked from the session's page, not 600 times here.
 */
export function sessionList(
  d: { view: "day" | "track" | "room"; q: string; slug: string; rows: ListRow[] },
  labels: ListLabels,
  slot: ((i: number) => ReactElement) | null,
) {
  const index = new Map(d.rows.map((r, i) => [r.id, i]));
  const item = (row: ListRow, showDay: boolean) => (
    <li key={row.id} style={{ borderColor: row.track?.colour ?? "#d6d3d1" }}>
      <p>
        {showDay ? `${row.day} · ` : null}
        <time>{`${row.start}–${row.end}${row.date ? `, ${row.date}` : ""}`}</time>
        {`${row.endsNextDay ? ` ${labels.nextDay}` : ""} · ${labels.kinds[row.kind] ?? row.kind}${row.room ? ` · ${row.room.name}` : ""}`}
      </p>
      <h3 id={`h${index.get(row.id)}`}>
        <a href={`/conferences/${d.slug}/sessions/${row.id}`}>{row.title}</a>
      </h3>
      {row.who ? <p>{row.who}</p> : null}
      {slot ? slot(index.get(row.id)!) : null}
    </li>
  );
  if (d.q) return <ul>{d.rows.map((r) => item(r, true))}</ul>;
  if (d.view === "day") {
    const slots = groupBy(d.rows, (r) => r.start);
    if (slots.length === 0) return <p>{labels.empty}</p>;
    return (
      <>
        {slots.map(([start, rows]) => (
          <section key={start} aria-label={start}>
            <h2>{start}</h2>
            <ul>{rows.map((r) => item(r, false))}</ul>
          </section>
        ))}
      </>
    );
  }
  const groups = groupBy(d.rows, (r) => (d.view === "track" ? (r.track?.name ?? labels.noTrack) : (r.room?.name ?? labels.noRoom)));
  return (
    <>
      {groups.map(([name, rows]) => (
        <section key={name}>
          <h2>{name}</h2>
          <ul>{rows.map((r) => item(r, true))}</ul>
        </section>
      ))}
    </>
  );
}

/** One session's agenda button: a submit button of the page's one form, named for what it does. */
export function StarButton({ id, heading, starred, label }: { id: string; heading: string; starred: boolean; label: string }) {
  return (
    <button name={starred ? "unstar" : "star"} value={id} aria-pressed={starred} aria-describedby={heading}>
      {label}
    </button>
  );
}
