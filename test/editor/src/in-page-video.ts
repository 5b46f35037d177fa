/**
 * Runs in the editor page (through `page.evaluate`): records a one-second WebM of changing
 * colours from a canvas, so a Video task needs neither a fixture file nor ffmpeg. Returns
 * the file as a data URI.
 */
export async function recordTestVideo(): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas in this browser');
  const recorder = new MediaRecorder(canvas.captureStream(10), {
    mimeType: 'video/webm;codecs=vp8',
  });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  recorder.start();
  // Ten frames 100 ms apart: a one-second clip at the 10 fps the canvas stream is sampled at.
  for (let frame = 0; frame < 10; frame += 1) {
    context.fillStyle = `rgb(${frame * 25}, 120, ${255 - frame * 25})`;
    context.fillRect(0, 0, canvas.width, canvas.height);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  recorder.stop();
  await stopped;
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:video/webm;base64,${btoa(binary)}`;
}
