import { defineMessages } from "../define";

export const registration = defineMessages({}, {});
