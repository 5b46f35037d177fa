import type { ControlTag, ObjectTag } from '../label-config/index.js';
import type { Dice } from './example-seed.js';

/** A short text a TextArea could hold, by what it describes. */
const TEXT_BY_OBJECT: Record<string, string> = {
  text: 'A short summary of the text.',
  hypertext: 'A short summary of the page.',
  image: 'A short caption for the image.',
  audio: 'A transcription of the audio.',
  audioplus: 'A transcription of the audio.',
  video: 'A description of the video.',
  paragraphs: 'A reply to the dialogue.',
  timeseries: 'A note on the time series.',
};

/** What a TextArea answers: for a region, about the region; else about the whole object. */
export function exampleText(object: ObjectTag | undefined, onRegion: boolean): string {
  const kind = object?.tag.toLowerCase() ?? '';
  if (onRegion) return kind === 'image' ? 'Text in the region.' : 'Words in the segment.';
  return TEXT_BY_OBJECT[kind] ?? 'A short note.';
}

const numberAttr = (control: ControlTag, key: string): number | undefined => {
  const raw = control.attrs[key];
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(n) ? n : undefined;
};

/** A rating from 1 to `maxRating` (default 5). */
export function exampleRating(control: ControlTag, dice: Dice): number {
  return dice.between(1, Math.max(1, Math.floor(numberAttr(control, 'maxRating') ?? 5)));
}

/** A whole number within `min`/`max` (an open side extends 10 past the other). */
export function exampleNumber(control: ControlTag, dice: Dice): number {
  const min = numberAttr(control, 'min');
  const max = numberAttr(control, 'max');
  const low = Math.ceil(min ?? (max === undefined ? 0 : max - 10));
  const high = Math.floor(max ?? low + 10);
  return high < low ? (min ?? 0) : dice.between(low, high);
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A date and time in 2024 in the shape the editor (1.7.1) writes for the control: `HH:MM` for
 * `only="time"`, the `format` attribute when set (its %Y %m %d %H %M %S directives), else
 * `YYYY-MM-DD` when `only` leaves out the time and `YYYY-MM-DDTHH:MM` otherwise.
 */
export function exampleDateTime(control: ControlTag, dice: Dice): string {
  const day = new Date(Date.UTC(2024, 0, 1 + dice.below(366), dice.below(24), dice.below(60)));
  const parts: Record<string, string> = {
    Y: String(day.getUTCFullYear()),
    m: two(day.getUTCMonth() + 1),
    d: two(day.getUTCDate()),
    H: two(day.getUTCHours()),
    M: two(day.getUTCMinutes()),
    S: '00',
  };
  const only = control.attrs.only;
  const format =
    only === 'time'
      ? '%H:%M'
      : (control.attrs.format ??
        (only === undefined || only.includes('time') ? '%Y-%m-%dT%H:%M' : '%Y-%m-%d'));
  return format.replace(/%([YmdHMS])/g, (_, code: string) => parts[code] ?? '');
}
