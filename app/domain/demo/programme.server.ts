/** Demo data of the programme area, loaded after the organizations, people and conference of seed.server.ts. */
export async function seedProgrammeDemo(_ctx: { conferenceId: string }) {}
