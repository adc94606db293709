import jsQR from 'jsqr';
import type { Locator } from 'playwright-core';

/**
 * Reads the QR code an <img> shows, as a scanner would: the page draws the image on a canvas with a
 * white quiet zone around it and hands back the grey levels; the decoding happens here, with the decoder
 * the app's scanning pages use (src/web/lib/qrScan.ts).
 */
export async function readQr(img: Locator): Promise<string> {
  const { width, height, grey } = await img.evaluate(async (el: HTMLImageElement) => {
    if (!el.complete) await new Promise((r) => el.addEventListener('load', r, { once: true }));
    const scale = 3;
    const quiet = 16 * scale;
    const w = el.naturalWidth * scale + 2 * quiet;
    const h = el.naturalHeight * scale + 2 * quiet;
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d')!;
    ctx.imageSmoothingEnabled = false;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(el, quiet, quiet, el.naturalWidth * scale, el.naturalHeight * scale);
    const { data } = ctx.getImageData(0, 0, w, h);
    const grey: number[] = new Array(w * h);
    for (let i = 0; i < w * h; i++) grey[i] = Math.round((data[4 * i] + data[4 * i + 1] + data[4 * i + 2]) / 3);
    return { width: w, height: h, grey };
  });
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < grey.length; i++) rgba.set([grey[i], grey[i], grey[i], 255], 4 * i);
  const found = jsQR(rgba, width, height);
  if (!found) throw new Error('no QR code in the image');
  return found.data;
}
