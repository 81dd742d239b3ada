// What operators read in the log when a request fails: refusals as one line,
// unexpected failures with their stack.
import { afterEach, describe, expect, it, vi } from "vitest";
import { handleError } from "~/entry.server";
import { AppError } from "~/utils/errors";
import { logger } from "~/utils/logger.server";

const args = (method: string, path: string) => ({ request: new Request(`http://localhost${path}`, { method }), params: {}, context: {} });

afterEach(() => vi.restoreAllMocks());

describe("server error log", () => {
  it("logs a refusal (4xx AppError) as one line without a stack trace", () => {
    const warn = vi.spyOn(logger(), "warn").mockImplementation(() => {});
    const error = vi.spyOn(logger(), "error").mockImplementation(() => {});
    handleError(new AppError("UNAUTHORIZED", "error.unauthorized"), args("POST", "/conferences/x/register"));
    expect(warn).toHaveBeenCalledWith({ method: "POST", path: "/conferences/x/register", status: 401, code: "UNAUTHORIZED" }, "refused");
    expect(error).not.toHaveBeenCalled();
  });

  it("logs a refusal that a route turned into a response (403 from orRespond) as one line too", () => {
    const warn = vi.spyOn(logger(), "warn").mockImplementation(() => {});
    const error = vi.spyOn(logger(), "error").mockImplementation(() => {});
    // What Remix hands over for a thrown `data(..., { status: 403 })`: an error response.
    const refused = { status: 403, statusText: "", internal: false, data: { code: "FORBIDDEN", message: "error.forbidden", vars: null } };
    handleError(refused, args("GET", "/my/registrations/r/invoices/i"));
    expect(warn).toHaveBeenCalledWith({ method: "GET", path: "/my/registrations/r/invoices/i", status: 403, code: "FORBIDDEN" }, "refused");
    expect(error).not.toHaveBeenCalled();
  });

  it("logs an unexpected failure with the error itself, stack included", () => {
    vi.spyOn(logger(), "warn").mockImplementation(() => {});
    const error = vi.spyOn(logger(), "error").mockImplementation(() => {});
    const boom = new Error("database went away");
    handleError(boom, args("GET", "/conferences"));
    expect(error).toHaveBeenCalledWith({ method: "GET", path: "/conferences", err: boom }, "request failed");
  });
});
