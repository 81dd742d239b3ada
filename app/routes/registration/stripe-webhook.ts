import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeWebhook } from "~/domain/registration/handle-stripe-webhook.server";
import { isAppError } from "~/utils/errors";

/** Stripe calls this; the body must be read raw for the signature check. No session: the signature is the credential. */
export async function action({ request }: ActionFunctionArgs) {
  try {
    const result = await handleStripeWebhook({ payload: await request.text(), signature: request.headers.get("stripe-signature") });
    return Response.json(result);
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.code }, { status: error.status });
    throw error;
  }
}

export function loader() {
  return new Response("Method not allowed", { status: 405 });
}
