import { imageDataUri, syntheticImage, type Rgb } from '@lsml/transformers/testing';
import wavefile from 'wavefile';
import type { StaticServer } from './static-server.js';

/** Task media, generated for the run: nothing comes from a fixture file or the network. */
export interface Media {
  /** A 96×64 PNG, as a data URI. */
  image: string;
  /** A 2-second 16 kHz WAV sine sweep, as a data URI. */
  audio: string;
  /** A CSV time series on the static server (`valueType="url"`). */
  timeSeriesCsvUrl: string;
  /** A one-second WebM, as a data URI (recorded by the browser, see in-page-video.ts). */
  video: string;
}

const COLOURS: Record<string, Rgb> = { Red: [220, 40, 40], Blue: [40, 40, 220] };

/** A noisy image of one dominant colour ('Red' or 'Blue'); `seed` makes each one different. */
export async function colourImage(colour: 'Red' | 'Blue', seed: number): Promise<string> {
  const bytes = await syntheticImage(COLOURS[colour] ?? [0, 0, 0], {
    width: 96,
    height: 64,
    seed,
  });
  return imageDataUri(bytes);
}

function sineSweepWav(seconds: number, sampleRate: number): string {
  const samples = Array.from({ length: Math.round(seconds * sampleRate) }, (_, i) => {
    const t = i / sampleRate;
    const hz = 200 + (1800 * t) / seconds;
    return Math.round(0.5 * Math.sin(2 * Math.PI * hz * t) * 32767);
  });
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, sampleRate, '16', samples);
  return `data:audio/wav;base64,${Buffer.from(wav.toBuffer()).toString('base64')}`;
}

function timeSeriesCsv(rows: number): string {
  // Two columns: the editor cannot find a separator in a one-column CSV.
  const lines = ['speed,heart_rate'];
  for (let i = 0; i < rows; i += 1) {
    lines.push(
      `${(5 + 3 * Math.sin(i / 5)).toFixed(3)},${(120 + 20 * Math.cos(i / 7)).toFixed(1)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export async function makeMedia(server: StaticServer, video: string): Promise<Media> {
  return {
    image: await colourImage('Red', 1),
    audio: sineSweepWav(2, 16_000),
    timeSeriesCsvUrl: server.addMedia('speed.csv', timeSeriesCsv(100), 'text/csv'),
    video,
  };
}
