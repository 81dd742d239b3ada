import type { ReactElement } from "react";
import type { ListRow } from "~/domain/programme/packed-rows";

export { packRows, unpackRows, type ListRow, type PackedRows } from "~/domain/programme/packed-rows";

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
  d: { view: "day" | "track" | "room"; q: string; rows: ListRow[] },
  labels: ListLabels,
  slot: ((i: number) => ReactElement) | null,
) {
  const index = new Map(d.rows.map((r, i) => [r.id, i]));
  // A row's track colour is its left border (`--track` in app.css): set once on a group whose rows share
  // their track (the by-track view), else on each row.
  const item = (row: ListRow, showDay: boolean, groupColour = false) => (
    <li key={row.id} style={groupColour ? undefined : colour(row.track?.colour)}>
      <p>
        {showDay ? `${row.day} · ` : null}
        <time>{`${row.start}–${row.end}${row.date ? `, ${row.date}` : ""}`}</time>
        {`${row.endsNextDay ? ` ${labels.nextDay}` : ""} · ${labels.kinds[row.kind] ?? row.kind}${row.room ? ` · ${row.room.name}` : ""}`}
      </p>
      <h3 id={`h${index.get(row.id)}`}>
        {/* Relative to the programme's address (/conferences/<slug>/programme): 300 times shorter. */}
        <a href={`sessions/${row.id}`}>{row.title}</a>
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
      {groups.map(([name, rows]) => {
        const shared = d.view === "track";
        return (
          <section key={name}>
            <h2>{name}</h2>
            <ul style={shared ? colour(rows[0].track?.colour) : undefined}>{rows.map((r) => item(r, true, shared))}</ul>
          </section>
        );
      })}
    </>
  );
}

function colour(track: string | undefined) {
  return track ? ({ "--track": track } as React.CSSProperties) : undefined;
}

/** One session's agenda button: a submit button of the page's one form, named for what it does. */
export function StarButton({ id, heading, starred, label }: { id: string; heading: string; starred: boolean; label: string }) {
  return (
    <button name={starred ? "unstar" : "star"} value={id} aria-pressed={starred} aria-describedby={heading}>
      {label}
    </button>
  );
}
