import { describe, expect, it } from "vitest";
import { describeUserAgent } from "~/utils/user-agent";

describe("describeUserAgent", () => {
  it("names the browser and the system of common headers", () => {
    const cases: [string, string][] = [
      [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Chrome (Windows)",
      ],
      [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Edge (Windows)",
      ],
      [
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Safari (macOS)",
      ],
      [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Safari (iPhone)",
      ],
      ["Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox (Linux)"],
      [
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Chrome (Android)",
      ],
      ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36", "Chrome (Linux)"],
    ];
    for (const [ua, name] of cases) expect(describeUserAgent(ua), ua).toBe(name);
  });

  it("keeps an unrecognised header, shortened, and has nothing to say without one", () => {
    expect(describeUserAgent("Phone")).toBe("Phone");
    expect(describeUserAgent("curl/8.5.0 ".repeat(10))).toBe(`${"curl/8.5.0 ".repeat(10).slice(0, 59)}…`);
    expect(describeUserAgent(null)).toBeNull();
    expect(describeUserAgent("  ")).toBeNull();
  });
});
