// A client-rendered app: the API is on the same origin, so pages load their data in the browser.
export const ssr = false;
export const prerender = false;
