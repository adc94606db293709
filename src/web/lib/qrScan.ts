import jsQR from 'jsqr';

// Reading QR codes in the page: a photo of a label, or frames of the camera. jsQR rather than the
// zxing port: on perfect renderings of our own label codes the zxing detector missed about one code
// in eleven (46 of 500 card addresses), jsQR none (decisions.md, "QR decoding").

/** The text of the QR code on a canvas, or null. */
export function readQrCanvas(canvas: HTMLCanvasElement): string | null {
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

/**
 * The text of the QR code in a picture (the camera app's photo, or one taken earlier), or null. A small
 * image is drawn larger with hard pixel edges and a white quiet zone, as a label printed with none.
 */
export async function readQrImage(file: Blob): Promise<string | null> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    await new Promise((ok, fail) => {
      img.onload = ok;
      img.onerror = fail;
      img.src = url;
    });
    // Large photos are drawn smaller (a phone's 12 MP picture would take seconds); small ones larger.
    const longest = Math.max(img.naturalWidth, img.naturalHeight, 1);
    const scale = longest > 1600 ? 1600 / longest : Math.max(1, Math.ceil(600 / longest));
    const w = Math.round(img.naturalWidth * scale);
    const h = Math.round(img.naturalHeight * scale);
    const quiet = Math.round(16 * Math.max(1, scale));
    const canvas = document.createElement('canvas');
    canvas.width = w + 2 * quiet;
    canvas.height = h + 2 * quiet;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.imageSmoothingEnabled = scale < 1;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, quiet, quiet, w, h);
    return readQrCanvas(canvas);
  } catch {
    return null;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Scans the camera's frames into `onText` (each code once in a row) until the returned stop is called.
 * Rejects when there is no camera or the user refuses it.
 */
export async function scanCamera(video: HTMLVideoElement, onText: (text: string) => void): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  await video.play();
  const canvas = document.createElement('canvas');
  let stopped = false;
  let last = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = () => {
    if (stopped) return;
    if (video.videoWidth > 0) {
      // At most 640 px wide: enough for a label held up to the camera, and a frame reads in milliseconds.
      const scale = Math.min(1, 640 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      canvas.getContext('2d', { willReadFrequently: true })!.drawImage(video, 0, 0, canvas.width, canvas.height);
      const text = readQrCanvas(canvas);
      if (text && text !== last) {
        last = text;
        onText(text);
      }
    }
    timer = setTimeout(frame, 150);
  };
  frame();
  return () => {
    stopped = true;
    clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
}
