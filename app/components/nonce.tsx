import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of this response (server/http.js makes one per request), for the
 * inline scripts Remix renders. Browsers hide nonce attributes from scripts, so on the client it is
 * empty, which React accepts when hydrating.
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce() {
  return useContext(NonceContext);
}
