import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { completePasskeySigning, startPasskeySigning } from "~/domain/accords/sign-accord.server";
import { readJsonOrForm } from "~/domain/accords/request-body.server";
import { AppError } from "~/utils/errors";
import { signingClient } from "~/utils/http.server";
import { requireUser } from "~/utils/session.server";

/**
 * JSON endpoint of the passkey signing ceremony (the browser's WebAuthn API
 * needs JavaScript anyway): "options" issues the nonce and challenge, "finish"
 * submits the assertion. Errors come back as { error: messageKey } with 4xx.
 */
const body = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("options"), partyId: z.string(), documentHash: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({
    intent: z.literal("finish"),
    partyId: z.string(),
    documentHash: z.string().regex(/^[0-9a-f]{64}$/),
    nonce: z.string().max(100),
    response: z.unknown(),
    confirmed: z.boolean(),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const accordId = params.id ?? "";
  let input: z.infer<typeof body>;
  try {
    input = body.parse(await readJsonOrForm(request));
  } catch {
    return Response.json({ error: "accords.sign.badAssertion" }, { status: 400 });
  }
  try {
    if (input.intent === "options") {
      const r = await startPasskeySigning({ actor: user, accordId, partyId: input.partyId, documentHash: input.documentHash });
      return Response.json(r);
    }
    const r = await completePasskeySigning({
      actor: user,
      accordId,
      partyId: input.partyId,
      documentHash: input.documentHash,
      nonce: input.nonce,
      response: input.response,
      confirmed: input.confirmed,
      client: signingClient(request),
    });
    return Response.json(r);
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.userMessage, code: error.code }, { status: error.status });
    throw error;
  }
}
