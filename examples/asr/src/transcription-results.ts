import type { Prediction, RegionResult } from '@lsml/core';
import type { AudioTarget } from './audio-target.js';
import type { Transcription } from './transcribe/transcription.js';

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * A transcription as Label Studio results: the whole text in the TextArea and, when the config
 * has `<Labels>` on the Audio and the model gave timestamps, one region per segment (with its
 * own text when the TextArea is `perRegion`).
 */
export function transcriptionPrediction(target: AudioTarget, t: Transcription): Prediction {
  const score = t.score === undefined ? {} : { score: t.score };
  const result: RegionResult[] = [];
  const base = { to_name: target.objectName, ...score };
  if (!target.perRegion && t.text !== '') {
    result.push({
      ...base,
      from_name: target.textArea.name,
      type: 'textarea',
      value: { text: [t.text] },
    });
  }
  const label = target.labels?.labels[0]?.value;
  if (target.labels && label !== undefined && t.segments) {
    t.segments.forEach((segment, i) => {
      const id = `seg${i}`;
      const span = { start: round(segment.start), end: round(segment.end) };
      result.push({
        ...base,
        id,
        from_name: target.labels?.name ?? '',
        type: 'labels',
        value: { ...span, channel: 0, labels: [label] },
      });
      if (target.perRegion) {
        result.push({
          ...base,
          id,
          from_name: target.textArea.name,
          type: 'textarea',
          value: { ...span, text: [segment.text] },
        });
      }
    });
  }
  return { ...score, result };
}
