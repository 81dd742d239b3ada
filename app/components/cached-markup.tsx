import { type ReactElement, createContext, useContext } from "react";

/**
 * Renders a large, mostly shared subtree (the programme's 300 sessions) once on the server and reuses its
 * markup, with small per-reader pieces (`slot`s, e.g. a star button) put in on every request.
 * `tree(slot)` must be a pure function of the values hashed into `key`; the slots are rendered separately
 * and spliced in where `tree` placed them, in order. Only the server provides one (entry.server.tsx);
 * on the client the tree is rendered by React as usual and hydrates over the same markup.
 */
export type MarkupCache = (key: string, tree: (slot: (i: number) => ReactElement) => ReactElement, slots: ReactElement[]) => string;

const MarkupCacheContext = createContext<MarkupCache | null>(null);
export const MarkupCacheProvider = MarkupCacheContext.Provider;

/** `<div {...props}>` holding `tree`, its markup reused on the server while `key` is unchanged. */
export function CachedMarkup({
  cacheKey,
  tree,
  slots,
  ...props
}: {
  cacheKey: string;
  tree: (slot: (i: number) => ReactElement) => ReactElement;
  slots: ReactElement[];
} & React.HTMLAttributes<HTMLDivElement>) {
  const cache = useContext(MarkupCacheContext);
  if (cache) return <div {...props} dangerouslySetInnerHTML={{ __html: cache(cacheKey, tree, slots) }} />;
  return <div {...props}>{tree((i) => slots[i])}</div>;
}
