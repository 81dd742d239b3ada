import { defineMessages } from "../define";

export const accounts = defineMessages({}, {});
