import { createCookie, redirect } from "@remix-run/node";
import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { env, sessionSecret } from "./env.server";

/** A message shown once after a redirect (carried by a short-lived signed cookie). */
const toastSchema = z.object({
  kind: z.enum(["success", "error", "info"]).default("success"),
  message: z.string(),
  vars: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type Toast = z.infer<typeof toastSchema>;

function toastCookie() {
  return createCookie("concord_toast", {
    secrets: [sessionSecret()],
    httpOnly: true,
    sameSite: "lax",
    secure: env().APP_URL.startsWith("https://"),
    path: "/",
    maxAge: 60,
  });
}

export async function toastHeader(toast: { kind?: Toast["kind"]; message: MessageKey; vars?: Toast["vars"] }) {
  return toastCookie().serialize({ kind: toast.kind ?? "success", message: toast.message, vars: toast.vars });
}

export async function redirectWithToast(
  to: string,
  toast: { kind?: Toast["kind"]; message: MessageKey; vars?: Toast["vars"] },
  init: ResponseInit = {},
) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await toastHeader(toast));
  return redirect(to, { ...init, headers });
}

/** Reads and clears the toast; returns the Set-Cookie header that clears it. */
export async function readToast(request: Request): Promise<{ toast: Toast | null; clear: string | null }> {
  const cookie = toastCookie();
  const raw = await cookie.parse(request.headers.get("Cookie"));
  if (!raw) return { toast: null, clear: null };
  const parsed = toastSchema.safeParse(raw);
  return { toast: parsed.success ? parsed.data : null, clear: await cookie.serialize("", { maxAge: 0 }) };
}
