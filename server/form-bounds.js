// Bounds on what a form may contain, checked on the raw body BEFORE any route parses it.
//
// Conform (parseWithZod) turns field names into a nested value: `authors[2].email` becomes
// { authors: [ , , { email } ] }. A name such as `x[10000000]` therefore makes it build a ten-million
// slot array (and echo it back in the reply), and 5,000 levels of nesting overflow the stack. The
// total body size alone cannot stop that (38 bytes did it), so every form — urlencoded or multipart,
// and the query string — is checked here for the number of fields, the length of each name, the
// indices and nesting depth it names, and the array slots all names together would create.
import Busboy from "busboy";

export const FORM_LIMITS = Object.freeze({
  /** Fields (and files) per form. The largest real form (an accord draft's clauses) has a few hundred. */
  fields: 1000,
  /** Characters per field name. */
  nameLength: 200,
  /** Highest list index a name may use (`x[999]`). */
  index: 999,
  /** Path segments per name: `a.b[0].c` has 4. */
  depth: 8,
  /** Array slots all names together may make Conform create (sum over lists of highest index + 1). */
  slots: 2000,
  /** Files per multipart form. */
  files: 20,
});

export class FormBoundsError extends Error {
  /** @param {400 | 413} status */
  constructor(message, status = 400) {
    super(message);
    this.status = status;
  }
}

const SEGMENT = /\[(\d*)\]|\.?([^.[\]]+)/g;

/**
 * Checks names one at a time, remembering the highest index used under each list path so that the
 * total number of array slots stays bounded.
 */
export function createNameChecker(limits = FORM_LIMITS) {
  let fields = 0;
  let slots = 0;
  /** @type {Map<string, number>} highest index + 1 per list path */
  const lists = new Map();
  return (name) => {
    if (++fields > limits.fields) throw new FormBoundsError(`too many fields (more than ${limits.fields})`, 413);
    if (name.length > limits.nameLength) throw new FormBoundsError(`a field name is longer than ${limits.nameLength} characters`);
    let depth = 0;
    let path = "";
    for (const match of name.matchAll(SEGMENT)) {
      if (++depth > limits.depth) throw new FormBoundsError(`a field name is nested deeper than ${limits.depth} levels`);
      if (match[1] !== undefined) {
        const index = match[1] === "" ? 0 : Number(match[1]);
        if (match[1].length > 6 || index > limits.index) throw new FormBoundsError(`a field name uses a list index above ${limits.index}`);
        const seen = lists.get(path) ?? 0;
        if (index + 1 > seen) {
          slots += index + 1 - seen;
          if (slots > limits.slots) throw new FormBoundsError(`the field names make lists longer than ${limits.slots} items in all`);
          lists.set(path, index + 1);
        }
        path += `[${index}]`;
      } else {
        path += `.${match[2]}`;
      }
    }
  };
}

/** Checks the names of an application/x-www-form-urlencoded body or query string. */
export function checkUrlEncoded(text, limits = FORM_LIMITS) {
  if (!text) return;
  const check = createNameChecker(limits);
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("&", start);
    if (end === -1) end = text.length;
    if (end > start) {
      // NUL cannot be stored in any text column and is never part of real input: refused in names and values.
      if (/%00/i.test(text.slice(start, end))) throw new FormBoundsError("a field contains a NUL character");
      const eq = text.indexOf("=", start);
      const raw = text.slice(start, eq === -1 || eq > end ? end : eq);
      // Longer than any allowed name even before decoding (%XX is 3 bytes for 1 character, at most 12 for one code point).
      if (raw.length > limits.nameLength * 12) throw new FormBoundsError(`a field name is longer than ${limits.nameLength} characters`);
      let name;
      try {
        name = decodeURIComponent(raw.replace(/\+/g, " "));
      } catch {
        throw new FormBoundsError("a field name is not valid percent-encoding");
      }
      check(name);
    }
    start = end + 1;
  }
}

/**
 * Checks a multipart/form-data body (already in memory, its size bounded by the caller) with busboy,
 * a maintained streaming parser: part count, names, files. A body busboy cannot parse is a 400.
 * @param {Buffer} body
 * @param {Record<string, string | string[] | undefined>} headers
 */
export function checkMultipart(body, headers, limits = FORM_LIMITS) {
  return new Promise((resolve, reject) => {
    let parser;
    try {
      parser = Busboy({
        headers,
        limits: { fields: limits.fields, files: limits.files, parts: limits.fields + limits.files, fieldNameSize: limits.nameLength + 1 },
      });
    } catch {
      reject(new FormBoundsError("the form's multipart encoding is malformed"));
      return;
    }
    const check = createNameChecker(limits);
    let failure = null;
    const fail = (error) => {
      failure ??= error;
    };
    const onName = (name) => {
      try {
        if (!failure) check(name);
      } catch (error) {
        fail(error);
      }
    };
    parser.on("field", (name, value, info) => {
      if (info.nameTruncated) fail(new FormBoundsError(`a field name is longer than ${limits.nameLength} characters`));
      if (name.includes("\0") || value.includes("\0")) fail(new FormBoundsError("a field contains a NUL character"));
      onName(name);
    });
    parser.on("file", (name, stream) => {
      onName(name);
      stream.resume();
    });
    parser.on("fieldsLimit", () => fail(new FormBoundsError(`too many fields (more than ${limits.fields})`, 413)));
    parser.on("partsLimit", () => fail(new FormBoundsError(`too many fields (more than ${limits.fields})`, 413)));
    parser.on("filesLimit", () => fail(new FormBoundsError(`too many files (more than ${limits.files})`, 413)));
    parser.on("error", () => reject(failure ?? new FormBoundsError("the form's multipart encoding is malformed")));
    parser.on("close", () => (failure ? reject(failure) : resolve()));
    parser.end(body);
  });
}

/** A path that does not decode, or holds a control character (`/conferences/a%00b`), is a 400 before any route sees it. */
export function checkPath(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new FormBoundsError("the address is not valid percent-encoding");
  }
  // Control characters (NUL, BEL, ESC…) name no page and would reach the database as text.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F]/.test(decoded)) throw new FormBoundsError("the address contains a control character");
}

/** Checks a request body by its content type; other types (JSON for webhooks and passkeys) are left to their routes. */
export async function checkFormBody(body, headers, limits = FORM_LIMITS) {
  const type = String(headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("application/x-www-form-urlencoded")) checkUrlEncoded(body.toString("latin1"), limits);
  else if (type.startsWith("multipart/form-data")) await checkMultipart(body, headers, limits);
}
