/**
 * Personal data of staff never enters an audit entry's values — it appears as
 * this mark — so erasing a user leaves nothing behind. Zod-free: the web app
 * imports it to show the mark in the reader's language.
 */
export const PERSONAL_DATA_MARK = '[personal data]';
