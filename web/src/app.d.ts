import type { Me } from '#lib/session';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface PageData {
      /** The signed-in user; set on every page of the app, absent on the sign-in pages and the root error page. */
      me?: Me;
    }
  }
}
export {};
