import { describe, expect, it } from "vitest";
import { Lru } from "~/utils/lru";

const settle = () => new Promise((r) => setImmediate(r));

describe("Lru.remember", () => {
  it("makes a value once for callers that arrive while it is being made, and keeps it", async () => {
    const lru = new Lru<string, Promise<number>>(10);
    let made = 0;
    let finish!: (n: number) => void;
    const make = () => (made++, new Promise<number>((resolve) => (finish = resolve)));
    const first = lru.remember("k", make);
    const second = lru.remember("k", make);
    finish(42);
    expect(await Promise.all([first, second])).toEqual([42, 42]);
    await settle();
    expect(await lru.remember("k", make)).toBe(42);
    expect(made).toBe(1);
  });

  it("forgets a value that failed or that keep refuses, so the next caller makes it again", async () => {
    const lru = new Lru<string, Promise<number | null>>(10);
    await expect(lru.remember("failed", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(
      await lru.remember(
        "refused",
        async () => null,
        (v) => v !== null,
      ),
    ).toBeNull();
    await settle();
    expect(lru.peek("failed")).toBeUndefined();
    expect(lru.peek("refused")).toBeUndefined();
    expect(await lru.remember("failed", async () => 1)).toBe(1);
  });

  it("does not forget a newer value that took the key meanwhile", async () => {
    const lru = new Lru<string, Promise<number>>(10);
    let fail!: (e: Error) => void;
    const old = lru.remember("k", () => new Promise<number>((_, reject) => (fail = reject)));
    const newer = lru.set("k", Promise.resolve(2));
    fail(new Error("late"));
    await expect(old).rejects.toThrow("late");
    await settle();
    expect(lru.peek("k")).toBe(newer);
  });
});
