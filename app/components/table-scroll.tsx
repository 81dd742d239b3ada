import type { ReactNode } from "react";

/**
 * A wide table on a narrow screen scrolls inside this frame, never the page (issue 14: organizer tables at
 * 390 px). `relative` keeps the table's visually hidden labels (absolutely positioned) inside the frame, where
 * they would otherwise widen the document; the frame is a labelled, focusable region so it can be scrolled
 * from the keyboard.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be reachable by keyboard
    <div role="region" aria-label={label} tabIndex={0} className="relative max-w-full overflow-x-auto">
      {children}
    </div>
  );
}
