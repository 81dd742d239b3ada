import { defineMessages } from "../define";

export const accords = defineMessages({}, {});
