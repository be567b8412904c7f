/** A run of mail text: plain words, or an address to show as a link. */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

/** http(s) addresses up to the next space or angle bracket. */
const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
/** Punctuation that ends a sentence rather than the address ("see https://x.fi/a."). */
const TRAILING = /[.,;:!?)\]}'"]+$/;

/**
 * Splits a plain-text mail into text and link parts, so the page can render
 * the links as <a> and everything else as text — the mail is never HTML on
 * the page. Only http and https become links.
 */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const href = match[0].replace(TRAILING, '');
    if (!URL.canParse(href)) continue;
    if (match.index > at) parts.push({ text: text.slice(at, match.index) });
    parts.push({ text: href, href });
    at = match.index + href.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
