/**
 * A QR code for `text`, as an image source: the `qrcode` package draws it as
 * an SVG string, shown through an <img> (never injected as HTML). The encoder
 * is imported here, when a page asks for a code, so it is a chunk of its own
 * that only the pages showing codes load.
 */
export async function qrImageSource(text: string): Promise<string> {
  const mod = await import('qrcode');
  // A CommonJS package: its functions sit on the default export once bundled.
  const qrcode = ('default' in mod ? mod.default : mod) as typeof mod;
  const svg = await qrcode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
