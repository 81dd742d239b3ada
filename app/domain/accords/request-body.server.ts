/** JSON from the page's script; form fields (with `response` as JSON text) are accepted too. */
export async function readJsonOrForm(request: Request): Promise<Record<string, unknown>> {
  if ((request.headers.get("Content-Type") ?? "").includes("application/json")) return (await request.json()) as Record<string, unknown>;
  const form = Object.fromEntries(await request.formData()) as Record<string, unknown>;
  if (typeof form.response === "string") form.response = JSON.parse(form.response);
  if (typeof form.confirmed === "string") form.confirmed = form.confirmed === "true" || form.confirmed === "on";
  return form;
}
