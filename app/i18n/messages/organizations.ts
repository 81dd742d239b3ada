import { defineMessages } from "../define";

export const organizations = defineMessages({}, {});
