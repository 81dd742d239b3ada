import { defineMessages } from "../define";

export const programme = defineMessages({}, {});
