import { LsmlError, type ControlTag, type LabelInterface } from '@lsml/core';

/** Where the transcription goes in the label config. */
export interface AudioTarget {
  /** The Audio object's name (`to_name`). */
  objectName: string;
  /** Its task data key (`audio` for `$audio`). */
  dataKey: string;
  /** The TextArea for the transcription. */
  textArea: ControlTag;
  /** True when the TextArea is `perRegion`: text goes on each segment instead of the whole clip. */
  perRegion: boolean;
  /** Optional `<Labels>` on the same Audio: segments become regions with its first label. */
  labels: ControlTag | undefined;
}

const AUDIO_TAGS = ['Audio', 'AudioPlus'];

/** Finds the TextArea bound to an Audio tag (and Labels on it, if any). */
export function audioTarget(labelInterface: LabelInterface): AudioTarget {
  const textArea = labelInterface.findControl({ type: 'textarea', objectTag: AUDIO_TAGS });
  const object = textArea?.toName
    .map((name) => labelInterface.object(name))
    .find(
      (o) => o !== undefined && AUDIO_TAGS.some((t) => t.toLowerCase() === o.tag.toLowerCase()),
    );
  if (!textArea || object?.dataKey === undefined) {
    throw new LsmlError(
      'UNSUPPORTED_CONFIG',
      'asr needs a <TextArea> bound to an <Audio> whose value is a "$key", e.g. ' +
        '<Audio name="audio" value="$audio"/> <TextArea name="transcription" toName="audio" editable="true"/>',
    );
  }
  const labels = labelInterface.controls.find(
    (c) => c.type === 'labels' && c.toName.includes(object.name) && c.labels.length > 0,
  );
  return {
    objectName: object.name,
    dataKey: object.dataKey,
    textArea,
    perRegion: ['true', '1'].includes(
      (textArea.attrs.perRegion ?? textArea.attrs.perregion ?? '').toLowerCase(),
    ),
    labels,
  };
}
