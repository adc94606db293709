import zxing from '@zxing/library';
import type { Locator } from 'playwright-core';

// The CommonJS build of the library: named imports are not seen by Node's ESM loader.
const { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } = zxing;

/**
 * Reads the QR code an <img> shows, as a scanner would: the page draws the image on a canvas with a
 * white quiet zone around it and hands back the grey levels; the decoding happens here.
 */
export async function readQr(img: Locator): Promise<string> {
  const { width, height, grey } = await img.evaluate(async (el: HTMLImageElement) => {
    if (!el.complete) await new Promise((r) => el.addEventListener('load', r, { once: true }));
    const quiet = 24;
    const w = el.naturalWidth + 2 * quiet;
    const h = el.naturalHeight + 2 * quiet;
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(el, quiet, quiet);
    const { data } = ctx.getImageData(0, 0, w, h);
    const out: number[] = new Array(w * h);
    for (let i = 0; i < w * h; i++) out[i] = Math.round((data[4 * i] + data[4 * i + 1] + data[4 * i + 2]) / 3);
    return { width: w, height: h, grey: out };
  });
  const source = new RGBLuminanceSource(Uint8ClampedArray.from(grey), width, height);
  return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
}
