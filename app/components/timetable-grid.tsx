import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { Conflict } from "~/domain/programme/conflicts.server";
import { useT } from "~/i18n";
import { ConflictList } from "./programme";

/**
 * The timetable of one day as a grid: rooms as columns, the venue's wall clock
 * as rows to scale, sessions as blocks. Rendered on the server (each block links
 * to its placement form, the keyboard and no-JavaScript path); with JavaScript
 * a block can be dragged to another room or time, or resized by its lower edge,
 * and an unscheduled session can be dragged in from the side list. While
 * dragging, the server's conflict check runs on the spot under the pointer and
 * shows on the block; dropping saves, and the server refuses any conflict again.
 * Times are wall-clock minutes since the day's local midnight: no zone
 * arithmetic happens in the browser.
 */
export type GridSession = { id: string; title: string; roomId: string | null; startMin: number; endMin: number; status: string };
export type GridRoom = { id: string; name: string };

const PX_PER_MIN = 1; // 60 px per hour
const SNAP = 5;
const NO_ROOM = "";

const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, "0")}:${String(min % 60).padStart(2, "0")}`;

type Drag = {
  id: string;
  title: string;
  mode: "move" | "resize";
  roomId: string;
  startMin: number;
  endMin: number;
  /** Minutes between the block's top and the pointer when grabbed. */
  grab: number;
  originX: number;
  originY: number;
  moved: boolean;
};

type Reply = { sessionId?: string; conflicts?: Conflict[]; saved?: boolean; checked?: boolean; key?: string };

export function TimetableGrid({
  day,
  zone,
  offset,
  rooms,
  sessions,
  unscheduled,
}: {
  day: string;
  zone: string;
  offset: string;
  rooms: GridRoom[];
  sessions: GridSession[];
  unscheduled: { id: string; title: string; minutes: number }[];
}) {
  const t = useT();
  const columns = [...rooms, { id: NO_ROOM, name: t("programme.noRoom") }];
  const first = Math.min(8 * 60, ...sessions.map((s) => Math.floor(s.startMin / 60) * 60));
  const last = Math.max(20 * 60, ...sessions.map((s) => Math.ceil(s.endMin / 60) * 60));
  const height = (last - first) * PX_PER_MIN;
  const gridRef = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const check = useFetcher<Reply>({ key: "timetable-check" });
  const place = useFetcher<Reply>({ key: "timetable-place" });
  const [refused, setRefused] = useState<{ id: string; conflicts: Conflict[] } | null>(null);

  const form = (d: Drag, intent: "check" | "place") => {
    const f = new FormData();
    f.set("intent", intent);
    f.set("via", "grid");
    f.set("sessionId", d.id);
    f.set("roomId", d.roomId);
    f.set("start", `${day}T${hhmm(d.startMin)}`);
    f.set("end", `${day}T${hhmm(Math.min(d.endMin, 24 * 60 - 1))}`);
    f.set("key", keyOf(d));
    return f;
  };
  const keyOf = (d: Drag) => `${d.id}|${d.roomId}|${d.startMin}|${d.endMin}`;

  // Live conflict check of the spot under the pointer (debounced; a newer check replaces an older one).
  const checkKey = drag?.moved ? keyOf(drag) : null;
  const submitCheck = check.submit;
  useEffect(() => {
    if (!checkKey || !dragRef.current) return;
    const d = dragRef.current;
    const timer = setTimeout(() => submitCheck(form(d, "check"), { method: "post" }), 150);
    return () => clearTimeout(timer);
    // form() only reads `day`, which is part of the key through the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [checkKey, submitCheck]);

  useEffect(() => {
    if (place.state === "idle" && place.data?.sessionId) {
      setRefused(place.data.saved ? null : { id: place.data.sessionId, conflicts: place.data.conflicts ?? [] });
    }
  }, [place.state, place.data]);

  useEffect(() => {
    const grid = gridRef.current;
    if (!grid) return;
    const columnAt = (x: number) =>
      [...grid.querySelectorAll<HTMLElement>("[data-room-column]")].find((c) => {
        const r = c.getBoundingClientRect();
        return x >= r.left && x < r.right;
      });
    const minutesAt = (column: HTMLElement, y: number) => first + (y - column.getBoundingClientRect().top) / PX_PER_MIN;
    const snap = (m: number) => Math.round(m / SNAP) * SNAP;

    const onDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      const target = e.target as HTMLElement;
      const block = target.closest<HTMLElement>("[data-drag-id]");
      if (!block) return;
      const startMin = Number(block.dataset.startMin);
      const endMin = Number(block.dataset.endMin);
      const column = block.closest<HTMLElement>("[data-room-column]");
      const grab = column ? minutesAt(column, e.clientY) - startMin : 0;
      const d: Drag = {
        id: block.dataset.dragId!,
        title: block.dataset.title ?? "",
        mode: target.closest("[data-resize]") ? "resize" : "move",
        roomId: block.dataset.roomId ?? NO_ROOM,
        startMin,
        endMin,
        grab: column ? grab : 0,
        originX: e.clientX,
        originY: e.clientY,
        moved: false,
      };
      dragRef.current = d;
      block.setPointerCapture?.(e.pointerId);
    };
    const onMove = (e: PointerEvent) => {
      const d = dragRef.current;
      if (!d) return;
      if (!d.moved && Math.hypot(e.clientX - d.originX, e.clientY - d.originY) < 5) return;
      e.preventDefault();
      const column = columnAt(e.clientX);
      if (!column) return;
      const length = d.endMin - d.startMin;
      let next: Drag;
      if (d.mode === "resize") {
        const end = Math.min(24 * 60, Math.max(d.startMin + SNAP, snap(minutesAt(column, e.clientY))));
        next = { ...d, endMin: end, moved: true };
      } else {
        const start = Math.max(0, Math.min(24 * 60 - length, snap(minutesAt(column, e.clientY) - d.grab)));
        next = { ...d, roomId: column.dataset.roomColumn ?? NO_ROOM, startMin: start, endMin: start + length, moved: true };
      }
      dragRef.current = next;
      setDrag((prev) => (prev && keyOf(prev) === keyOf(next) ? prev : next));
    };
    const onUp = () => {
      const d = dragRef.current;
      dragRef.current = null;
      if (!d) return;
      if (!d.moved) return; // a click: the block's link works as usual
      // The click that follows a drag must not follow the block's link.
      grid.addEventListener("click", (ev) => ev.preventDefault(), { capture: true, once: true });
      setDrag(null);
      place.submit(form(d, "place"), { method: "post" });
    };
    grid.addEventListener("pointerdown", onDown);
    grid.addEventListener("pointermove", onMove);
    grid.addEventListener("pointerup", onUp);
    grid.addEventListener("pointercancel", onUp);
    return () => {
      grid.removeEventListener("pointerdown", onDown);
      grid.removeEventListener("pointermove", onMove);
      grid.removeEventListener("pointerup", onUp);
      grid.removeEventListener("pointercancel", onUp);
    };
    // The handlers read the latest drag through dragRef; `first` and `day` change only with the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first, day]);

  const liveConflicts =
    drag && check.data?.sessionId === drag.id && check.state === "idle" && check.data.key === keyOf(drag)
      ? (check.data.conflicts ?? [])
      : null;
  // While a drop is being saved, show the session where it was dropped.
  const pending =
    place.state !== "idle" && place.formData
      ? {
          id: String(place.formData.get("sessionId")),
          roomId: String(place.formData.get("roomId") ?? NO_ROOM),
          startMin: toMin(String(place.formData.get("start"))),
          endMin: toMin(String(place.formData.get("end"))),
        }
      : null;
  const placed = sessions.map((s) =>
    drag?.id === s.id
      ? { ...s, roomId: drag.roomId, startMin: drag.startMin, endMin: drag.endMin }
      : pending?.id === s.id
        ? { ...s, ...pending }
        : s,
  );
  const incoming = drag && !sessions.some((s) => s.id === drag.id) ? drag : null;

  return (
    <div className="mb-8 flex flex-col gap-4 lg:flex-row">
      <div className="min-w-0 flex-1">
        <p id="grid-help" className="mb-2 text-sm text-stone-700">
          {t("programme.timetable.dragHelp", { zone, offset })}
        </p>
        <div
          ref={gridRef}
          role="region"
          aria-label={t("programme.timetable.gridLabel", { day, zone })}
          aria-describedby="grid-help"
          className="overflow-x-auto rounded-md border border-stone-300"
          data-testid="timetable-grid"
        >
          <div className="grid" style={{ gridTemplateColumns: `4rem repeat(${columns.length}, minmax(9rem, 1fr))` }}>
            <div className="sticky top-0 border-b border-stone-300 bg-stone-100 p-1 text-xs text-stone-700">{offset}</div>
            {columns.map((c) => (
              <div key={c.id} className="border-b border-l border-stone-300 bg-stone-100 p-2 text-sm font-semibold" data-testid="grid-room">
                {c.name}
              </div>
            ))}
            <div className="relative" style={{ height }} aria-hidden="true">
              {Array.from({ length: (last - first) / 60 + 1 }, (_, i) => (
                <span key={i} className="absolute right-1 -translate-y-1/2 text-xs text-stone-700" style={{ top: i * 60 * PX_PER_MIN }}>
                  {hhmm(first + i * 60)}
                </span>
              ))}
            </div>
            {columns.map((c) => (
              <div
                key={c.id}
                className="relative border-l border-stone-300"
                style={{
                  height,
                  backgroundImage: "repeating-linear-gradient(to bottom, #e7e5e4 0 1px, transparent 1px 60px)",
                }}
                data-room-column={c.id}
              >
                {placed
                  .filter((s) => (s.roomId ?? NO_ROOM) === c.id)
                  .map((s) => (
                    <Block
                      key={s.id}
                      s={s}
                      top={(s.startMin - first) * PX_PER_MIN}
                      dragging={drag?.id === s.id}
                      conflicts={drag?.id === s.id ? liveConflicts : refused?.id === s.id ? refused.conflicts : null}
                      saving={pending?.id === s.id}
                    />
                  ))}
                {incoming && incoming.roomId === c.id ? (
                  <Block
                    s={{
                      id: incoming.id,
                      title: incoming.title,
                      roomId: c.id,
                      startMin: incoming.startMin,
                      endMin: incoming.endMin,
                      status: "",
                    }}
                    top={(incoming.startMin - first) * PX_PER_MIN}
                    dragging
                    conflicts={liveConflicts}
                    saving={false}
                  />
                ) : null}
              </div>
            ))}
          </div>
        </div>
      </div>
      <aside aria-labelledby="unscheduled-title" className="lg:w-64">
        <h2 id="unscheduled-title" className="mb-2 text-lg font-semibold">
          {t("programme.timetable.unscheduled")}
        </h2>
        {unscheduled.length ? (
          <ul className="space-y-2" data-testid="unscheduled-list">
            {unscheduled.map((u) => (
              <li
                key={u.id}
                data-drag-id={u.id}
                data-title={u.title}
                data-room-id={NO_ROOM}
                data-start-min={9 * 60}
                data-end-min={9 * 60 + u.minutes}
                className="cursor-grab touch-none rounded border border-dashed border-stone-500 bg-white p-2 text-sm"
              >
                <a href={`#place-${u.id}`} className="text-blue-900 underline">
                  {u.title}
                </a>
                {refused?.id === u.id ? <ConflictList conflicts={refused.conflicts} /> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-700">{t("programme.timetable.allPlaced")}</p>
        )}
      </aside>
    </div>
  );
}

function toMin(local: string) {
  const [h, m] = local.slice(11, 16).split(":").map(Number);
  return h * 60 + m;
}

function Block({
  s,
  top,
  dragging,
  conflicts,
  saving,
}: {
  s: GridSession;
  top: number;
  dragging: boolean;
  conflicts: Conflict[] | null;
  saving: boolean;
}) {
  const t = useT();
  const bad = !!conflicts?.length;
  return (
    <div
      data-drag-id={s.id}
      data-title={s.title}
      data-room-id={s.roomId ?? NO_ROOM}
      data-start-min={s.startMin}
      data-end-min={s.endMin}
      data-testid="grid-session"
      data-conflict={bad ? "true" : undefined}
      className={`absolute inset-x-1 cursor-grab touch-none select-none overflow-hidden rounded border p-1 text-xs shadow-sm ${
        bad
          ? "z-20 border-2 border-red-700 bg-red-50"
          : dragging
            ? "z-20 border-blue-900 bg-blue-100 opacity-90"
            : "border-blue-300 bg-blue-50"
      } ${s.status === "DRAFT" ? "border-dashed" : ""}`}
      // A block with conflicts grows to show them; the others are to scale.
      style={
        bad ? { top, minHeight: (s.endMin - s.startMin) * PX_PER_MIN } : { top, height: Math.max(18, (s.endMin - s.startMin) * PX_PER_MIN) }
      }
    >
      <a href={`#place-${s.id}`} className="block font-medium text-blue-900 underline" draggable={false}>
        {hhmm(s.startMin)}–{hhmm(s.endMin)} {s.title}
      </a>
      {saving ? <span role="status">{t("programme.timetable.saving")}</span> : null}
      {conflicts ? (
        bad ? (
          <ConflictList conflicts={conflicts} />
        ) : dragging ? (
          <span className="text-green-800">{t("programme.timetable.noConflicts")}</span>
        ) : null
      ) : null}
      <div data-resize aria-hidden="true" className="absolute inset-x-0 bottom-0 h-2 cursor-ns-resize bg-blue-900/20" />
    </div>
  );
}
