import { defineMessages } from "../define";

export const conferences = defineMessages({}, {});
