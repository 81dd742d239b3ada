import type { ActionFunctionArgs } from "@remix-run/node";
import { finishPasskeyRegistration, startPasskeyRegistration } from "~/domain/accords/passkeys.server";
import { AppError } from "~/utils/errors";
import { readJsonOrForm } from "~/domain/accords/request-body.server";
import { requireUser } from "~/utils/session.server";

/** JSON endpoint of passkey registration: "options" then "finish" with the attestation. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  let body: { intent?: string; response?: unknown; name?: unknown };
  try {
    body = (await readJsonOrForm(request)) as typeof body;
  } catch {
    return Response.json({ error: "passkeys.failed" }, { status: 400 });
  }
  try {
    if (body.intent === "options") return Response.json({ options: await startPasskeyRegistration({ actor: user }) });
    if (body.intent === "finish") {
      await finishPasskeyRegistration({
        actor: user,
        response: body.response,
        name: typeof body.name === "string" ? body.name : "Passkey",
      });
      return Response.json({ ok: true });
    }
    return Response.json({ error: "passkeys.failed" }, { status: 400 });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.userMessage }, { status: error.status });
    throw error;
  }
}
