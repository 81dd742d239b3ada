/** Demo data of the accords area, loaded after the organizations, people and conference of seed.server.ts. */
export async function seedAccordsDemo(_ctx: { conferenceId: string }) {}
