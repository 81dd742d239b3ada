/** Demo data of the registration area, loaded after the organizations, people and conference of seed.server.ts. */
export async function seedRegistrationDemo(_ctx: { conferenceId: string }) {}
