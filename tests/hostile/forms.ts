// Finds the forms a page really shows (its HTML, as a browser gets it) and builds hostile submissions
// from them: every field the form has, with the form's own hidden values and each submit button's
// intent, then every visible and hidden field (intent kept) replaced by one hostile value at a time.

export type FoundField = { name: string; value: string; type: string };
export type FoundForm = { action: string; multipart: boolean; fields: FoundField[]; intents: string[] };

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag);
  return m ? decodeEntities(m[1]) : null;
};

function decodeEntities(s: string) {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** A value the field would plausibly accept when the page shows it empty, so that one hostile field at a time reaches the database. */
function plausible(name: string, type: string): string {
  const n = name.toLowerCase();
  const year = new Date().getUTCFullYear() + 1;
  if (type === "email" || n.includes("email")) return `hostile-${Math.random().toString(36).slice(2, 8)}@concord.test`;
  if (type === "date" || /date|endson/.test(n)) return n.includes("birth") ? "1990-01-01" : `${year}-03-01`;
  if (type === "datetime-local" || /start$|end$|opensat|closesat|until|salesstart|salesend/.test(n)) return `${year}-02-01T10:00`;
  if (type === "password" || n.includes("password")) return "a long enough password";
  if (type === "number" || /price|amount|capacity|limit|value|score|edition|minutes|days|hours/.test(n)) return "10";
  if (n.includes("slug")) return `hostile-${Math.random().toString(36).slice(2, 8)}`;
  if (n.includes("country") || n.includes("nationality")) return "CN";
  if (n.includes("currency")) return "CNY";
  if (n.includes("timezone")) return "Asia/Shanghai";
  return "Hostile test text";
}

/** The POST forms of a page. */
export function formsOf(html: string, pageUrl: string): FoundForm[] {
  const out: FoundForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, open, inner] = m;
    if ((attr(open, "method") ?? "get").toLowerCase() !== "post") continue;
    const action = attr(open, "action") ?? pageUrl;
    const multipart = (attr(open, "enctype") ?? "").includes("multipart");
    const fields: FoundField[] = [];
    const intents: string[] = [];
    const seenRadio = new Set<string>();
    for (const tag of inner.matchAll(/<(input|textarea|button)\b([^>]*)>|<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      if (tag[3] !== undefined) {
        const name = attr(tag[3], "name");
        if (!name) continue;
        const options = [...tag[4].matchAll(/<option\b([^>]*)>/gi)].map((o) => ({
          value: attr(o[1], "value") ?? "",
          selected: /\sselected/i.test(o[1]),
        }));
        const chosen = options.find((o) => o.selected) ?? options.find((o) => o.value) ?? options[0];
        fields.push({ name, value: chosen?.value ?? "", type: "select" });
        continue;
      }
      const name = attr(tag[2], "name");
      if (!name) continue;
      const type = (attr(tag[2], "type") ?? (tag[1].toLowerCase() === "textarea" ? "textarea" : "text")).toLowerCase();
      if (tag[1].toLowerCase() === "button" || type === "submit") {
        const value = attr(tag[2], "value");
        if (name === "intent" && value !== null) intents.push(value);
        continue;
      }
      if (type === "file") continue;
      if (type === "checkbox" && !/\schecked/i.test(tag[2])) continue;
      if (type === "radio") {
        if (seenRadio.has(name)) continue;
        seenRadio.add(name);
      }
      const value = attr(tag[2], "value") ?? "";
      fields.push({ name, value: value || (type === "hidden" ? "" : plausible(name, type)), type });
    }
    out.push({ action, multipart, fields, intents: intents.length ? [...new Set(intents)] : [""] });
  }
  return out;
}

const HUGE = "ü".repeat(30_000);

/** One hostile value per class of bad input the issue names; each replaces every field of a form. */
export const HOSTILE_VALUES: Record<string, string> = {
  nul: "a\u0000b",
  control: "line\u0007\u001b[31m\u0008",
  huge: HUGE,
  impossibleDay: "2027-02-30",
  impossibleDateTime: "2027-13-45T25:61",
  yearZero: "0000-01-01",
  farYear: "20255-09-27",
  notUuid: "not-a-uuid",
  uuidLookalike: "12345678-1234-1234-1234-12345678zzzz",
  giantNumber: "30000000",
  hugeNumber: "1e308",
  negative: "-99999999999999999999",
};

const DESTRUCTIVE = /delete|remove|revoke|cancel|withdraw|logout|decline|unassign|leave|sign-out|signout|archive|status|roles|members/i;

/** The hostile value that suits a field: what its type invites an attacker to try first. */
function typedHostile(f: FoundField): [string, string][] {
  const n = f.name.toLowerCase();
  const out: [string, string][] = [["nul", HOSTILE_VALUES.nul]];
  if (f.type === "text" || f.type === "textarea") out.push(["huge", HOSTILE_VALUES.huge], ["control", HOSTILE_VALUES.control]);
  if (f.type === "date" || /date|endson/.test(n))
    out.push(["impossibleDay", HOSTILE_VALUES.impossibleDay], ["farYear", HOSTILE_VALUES.farYear]);
  else if (f.type === "datetime-local" || /start$|end$|opensat|closesat|until/.test(n))
    out.push(["impossibleDateTime", HOSTILE_VALUES.impossibleDateTime]);
  else if (/id$|ids$|id\]|ids\[/.test(f.name) || /^[0-9a-f-]{36}$/.test(f.value)) out.push(["uuidLookalike", HOSTILE_VALUES.uuidLookalike]);
  else if (f.type === "number" || /price|amount|capacity|limit|value|score|edition|minutes|days|hours/.test(n))
    out.push(["giantNumber", HOSTILE_VALUES.giantNumber]);
  return out;
}

/**
 * The bodies to send for one form, for each submit intent: its own values; every field replaced by one
 * hostile value at a time; then, field by field, the hostile values that suit that field with the others
 * left as shown, so that a value the schema lets through reaches the domain and the database.
 */
export function hostileBodies(form: FoundForm): { kind: string; body: URLSearchParams }[] {
  const out: { kind: string; body: URLSearchParams }[] = [];
  for (const intent of form.intents) {
    const build = (replace: (f: FoundField) => string) => {
      const body = new URLSearchParams();
      for (const f of form.fields) body.append(f.name, f.name === "intent" ? f.value : replace(f));
      if (intent) body.set("intent", intent);
      return body;
    };
    const label = intent || "no intent";
    for (const [kind, value] of Object.entries(HOSTILE_VALUES))
      out.push({ kind: `${kind} everywhere (${label})`, body: build(() => value) });
    // Forms that remove or end something are sent with hostile values everywhere only: with the shown
    // ids left in place they would take the walk's own access away (remove the organizer, sign out).
    if (DESTRUCTIVE.test(intent) || DESTRUCTIVE.test(form.action)) continue;
    out.push({ kind: `as shown (${label})`, body: build((f) => f.value) });
    for (const field of form.fields) {
      if (field.name === "intent") continue;
      for (const [kind, value] of typedHostile(field)) {
        out.push({ kind: `${kind} in ${field.name} (${label})`, body: build((f) => (f === field ? value : f.value)) });
      }
    }
  }
  return out;
}

export const HUGE_VALUE = HUGE;
