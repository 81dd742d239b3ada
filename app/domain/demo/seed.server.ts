/** Demo data (filled in below). */
export async function seedDemo() {}
