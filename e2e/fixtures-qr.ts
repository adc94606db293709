import zxing from '@zxing/library';
import type { Locator } from 'playwright-core';

// The CommonJS build of the library: named imports are not seen by Node's ESM loader.
const { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } = zxing;

/**
 * Reads the QR code an <img> shows, as a scanner would: the page draws the image on a canvas with a
 * white quiet zone around it and hands back the grey levels; the decoding happens here.
 */
export async function readQr(img: Locator): Promise<string> {
  const { width, height, grey } = await img.evaluate(async (el: HTMLImageElement) => {
    if (!el.complete) await new Promise((r) => el.addEventListener('load', r, { once: true }));
    // Drawn four times larger with hard pixel edges: at the image's own size a module is one or two
    // pixels, and the detector missed the finder patterns of some codes (a flaky failure).
    const scale = 4;
    const quiet = 24 * scale;
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
    const out: number[] = new Array(w * h);
    for (let i = 0; i < w * h; i++) out[i] = Math.round((data[4 * i] + data[4 * i + 1] + data[4 * i + 2]) / 3);
    return { width: w, height: h, grey: out };
  });
  const bitmap = () => new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(Uint8ClampedArray.from(grey), width, height)));
  try {
    return new QRCodeReader().decode(bitmap()).getText();
  } catch (err) {
    // As a scanner takes another look: the finder-pattern detector still misses some codes now and
    // then; an upright code on white can be read from its bounds directly.
    const hints = new Map<unknown, unknown>([
      [DecodeHintType.PURE_BARCODE, true],
      [DecodeHintType.TRY_HARDER, true],
    ]);
    try {
      return new QRCodeReader().decode(bitmap(), hints as never).getText();
    } catch {
      throw err;
    }
  }
}
