import {
  audioSegment,
  labelKey,
  textarea,
  type ControlTag,
  type LabelInterface,
  type Prediction,
  type RegionResult,
  type Target,
} from '@lsml/core';
import type { Segment, Transcription } from './transcribe/transcription.js';

/** Where a transcription goes in the label config. */
export interface TranscriptionTarget {
  /** The TextArea and the `<Audio>` (or `<AudioPlus>`) it transcribes. */
  text: Target;
  /** `<Labels>` on the same audio: each stretch of speech becomes a region with its first label. */
  segments: ControlTag | undefined;
}

/** The TextArea on an audio tag (UNSUPPORTED_CONFIG when there is none), and Labels beside it. */
export function transcriptionTarget(li: LabelInterface): TranscriptionTarget {
  const text = li.requireTarget(
    { control: 'textarea', object: ['Audio', 'AudioPlus'] },
    'asr writes the transcription there, e.g. <Audio name="audio" value="$audio"/> <TextArea name="transcription" toName="audio" editable="true"/>',
  );
  const segments = li.findTarget({
    control: 'labels',
    object: text.object.tag,
    where: (control, object) => object.name === text.object.name && control.labels.length > 0,
  })?.control;
  return { text, segments };
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * Segments within the clip: models place timestamps on their own grid (Whisper's tiny test
 * model always answers up to 1.6 s of a 2-s window), and a region past the end of the audio is
 * one Label Studio cannot show. Each is clamped to [0, `duration`]; one left empty is dropped.
 */
export function segmentsWithin(segments: readonly Segment[], duration: number): Segment[] {
  return segments.flatMap((s) => {
    const start = round(Math.min(Math.max(s.start, 0), duration));
    const end = round(Math.min(Math.max(s.end, 0), duration));
    return end > start ? [{ ...s, start, end }] : [];
  });
}

/**
 * A transcription of a `duration`-second clip as Label Studio results: the whole text in the
 * TextArea and, when the config has `<Labels>` on the audio and the model gave timestamps, one
 * region per segment (with its own text when the TextArea is `perRegion`).
 */
export function transcriptionPrediction(
  target: TranscriptionTarget,
  t: Transcription,
  duration: number,
): Prediction {
  const scored = t.score === undefined ? {} : { score: t.score };
  const { control: textArea, object } = target.text;
  const result: RegionResult[] = [];
  if (!textArea.perRegion && t.text !== '')
    result.push(textarea(textArea, t.text, { toName: object.name, ...scored }));
  const speech = target.segments;
  const label = speech?.labels[0];
  if (speech && label && t.segments) {
    segmentsWithin(t.segments, duration).forEach((segment, i) => {
      const span = { start: segment.start, end: segment.end, channel: 0 };
      const options = { toName: object.name, id: `seg${i}`, ...scored };
      const region = audioSegment(speech, span, labelKey(label), options);
      result.push(region);
      if (textArea.perRegion) result.push(textarea(textArea, segment.text, { region, ...scored }));
    });
  }
  return { ...scored, result };
}
