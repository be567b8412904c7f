/**
 * A one-time confirmation ("Saved.") carried across a navigation, e.g. from the
 * form back to the list. Read once, when the next page starts, then gone.
 */
let pending: string | undefined;

export const flash = {
  set(message: string) {
    pending = message;
  },
  take(): string | undefined {
    const message = pending;
    pending = undefined;
    return message;
  },
};
