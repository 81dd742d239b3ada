// A few seconds of cache for anonymous GETs of the public programme and its exports (decision 023).
//
// It wraps the Remix request handler (Request → Response), so it works with the Fetch API objects
// Remix itself returns: nothing of Express or Node's response is replaced or wrapped. A crowd opening
// the programme gets one render per URL, language and TTL, also when it arrives while that render is in
// flight; signed-in visitors (session cookie) and pending toasts bypass it, so organizers always see
// their own changes at once.
import zlib from "node:zlib";

/**
 * Public pages worth caching: the programme (and its data for client navigations, `.data`: the browser
 * asks for it when it applies the reader's own time zone) and its machine-readable exports.
 */
export const CACHED_PAGES = [
  /^\/conferences\/[^/]+\/programme(?:\/|\.data)?$/,
  /^\/conferences\/[^/]+\/schedule\.(xml|json)$/,
  /^\/api\/conferences\/[^/]+\/programme\/?$/,
];

const PERSONAL_COOKIE = /(?:^|;\s*)(concord_session|concord_toast)=/;

/**
 * @param {{ ttlMs: number, paths?: RegExp[], maxEntries?: number }} options
 * @returns {(handler: (request: Request) => Promise<Response>) => ((request: Request) => Promise<Response>) & { stats: { hits: number, misses: number, stale: number, shared: number }, clear(): void }}
 */
export function pageCache({ ttlMs, paths = CACHED_PAGES, maxEntries = 500 }) {
  const entries = new Map();
  const stats = { hits: 0, misses: 0, stale: 0, shared: 0 };

  function keyFor(request) {
    if (ttlMs <= 0 || request.method !== "GET") return null;
    const url = new URL(request.url);
    if (!paths.some((p) => p.test(url.pathname))) return null;
    const cookie = request.headers.get("cookie") ?? "";
    if (PERSONAL_COOKIE.test(cookie)) return null;
    const locale = /(?:^|;\s*)concord_locale=([^;]*)/.exec(cookie)?.[1] ?? "";
    return `${url.pathname}${url.search}|${locale}|${(request.headers.get("accept-language") ?? "").slice(0, 100)}`;
  }

  function replay(entry, request, state, nonce) {
    const headers = new Headers(entry.headers);
    headers.set("X-Concord-Cache", state);
    headers.append("Vary", "Accept-Encoding");
    if (entry.pieces && nonce && nonce !== entry.nonce) {
      // The page's inline scripts carry the nonce of the response that rendered it; this response's
      // Content-Security-Policy names another, so the scripts get this one (else a hit never hydrates).
      // Compressed afterwards by the compression middleware, like any response.
      const body = Buffer.from(entry.pieces.join(`nonce="${nonce}"`));
      headers.set("Content-Length", String(body.length));
      return new Response(body, { status: entry.status, headers });
    }
    if (/\bgzip\b/.test(request.headers.get("accept-encoding") ?? "")) {
      // Compressed once per entry; the compression middleware leaves encoded responses alone.
      entry.gzipped ??= zlib.gzipSync(entry.body);
      headers.set("Content-Encoding", "gzip");
      headers.set("Content-Length", String(entry.gzipped.length));
      return new Response(entry.gzipped, { status: entry.status, headers });
    }
    headers.set("Content-Length", String(entry.body.length));
    return new Response(entry.body, { status: entry.status, headers });
  }

  return (handler) => {
    /** Per key, the one render in flight: resolves to its entry, or null when it made nothing to share. */
    const rendering = new Map();

    /** Renders the page for everyone asking for `key` meanwhile, and keeps it if it can be shared. */
    async function render(key, request, rest, nonce) {
      stats.misses++;
      let settle;
      const mine = new Promise((resolve) => (settle = resolve));
      rendering.set(key, mine);
      try {
        const response = await handler(request, ...rest);
        if (response.status !== 200 || response.headers.has("set-cookie")) {
          // The page is no longer what the copy shows (gone, moved, personal): the copy goes too.
          entries.delete(key);
          settle(null);
          response.headers.set("X-Concord-Cache", "miss");
          return response;
        }
        const body = Buffer.from(await response.arrayBuffer());
        const entry = {
          expires: Date.now() + ttlMs,
          status: 200,
          headers: [...response.headers],
          body,
          nonce,
          // Documents: cut at the nonce once, so that a hit can carry its own.
          pieces:
            nonce && /^text\/html/.test(response.headers.get("content-type") ?? "") ? body.toString().split(`nonce="${nonce}"`) : null,
        };
        entries.delete(key);
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value);
        entries.set(key, entry);
        settle(entry);
        return replay(entry, request, "miss", nonce);
      } catch (error) {
        // Nor is a copy kept past a failed render: a copy is never more than one TTL and one render old.
        entries.delete(key);
        settle(null);
        throw error;
      } finally {
        // Only its own: after a render that made nothing to share, each who waited for it started another.
        if (rendering.get(key) === mine) rendering.delete(key);
      }
    }

    const cached = async (request, ...rest) => {
      const key = keyFor(request);
      if (!key) return handler(request, ...rest);
      const entry = entries.get(key);
      const nonce = rest[0]?.cspNonce;
      if (entry && entry.expires > Date.now()) {
        stats.hits++;
        return replay(entry, request, "hit", nonce);
      }
      const pending = rendering.get(key);
      if (!pending) return render(key, request, rest, nonce);
      // A crowd arriving while the page is being rendered does not render it again, each of them (measured:
      // 32 readers made 75 renders in 12 s instead of 3, and waited up to 1.3 s behind them). They get the
      // copy that has just expired while there is one, else they wait for the render in flight.
      if (entry) {
        stats.stale++;
        return replay(entry, request, "stale", nonce);
      }
      const fresh = await pending;
      if (fresh) {
        stats.shared++;
        return replay(fresh, request, "shared", nonce);
      }
      // That render made nothing to share (an error, a cookie, not 200): this request gets its own.
      return render(key, request, rest, nonce);
    };
    return Object.assign(cached, { stats, clear: () => entries.clear() });
  };
}
