// Every visible string of the console, [English, 中文], in two tables by part of the console; i18n.ts looks them up.
import { ACCOUNT_MESSAGES } from './messages-account';
import { OPERATOR_MESSAGES } from './messages-operator';

export const MESSAGES = { ...ACCOUNT_MESSAGES, ...OPERATOR_MESSAGES };

export type MessageKey = keyof typeof MESSAGES;
