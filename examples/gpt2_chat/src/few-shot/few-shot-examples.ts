import { latestAnnotation, type Annotation, type ControlTag } from '@lsml/core';
import type { Turn } from '../dialogue/dialogue.js';

/** A dialogue and the response the team accepted for it. */
export interface FewShotExample {
  taskId: string;
  turns: Turn[];
  response: string;
}

/**
 * The responses an annotation accepts for the TextArea `control`: every non-empty text left in
 * it (annotators delete the candidates they reject). A cancelled (skipped) annotation, or one
 * without a result list, teaches nothing: it is not what `latestAnnotation` would pick.
 */
export function acceptedResponses(
  annotation: Annotation,
  control: Pick<ControlTag, 'name'>,
): string[] {
  const teaching = latestAnnotation({ annotations: [annotation] });
  if (!teaching) return [];
  return teaching.result.flatMap((result) => {
    if (result.from_name !== control.name || result.type !== 'textarea') return [];
    const texts: unknown = result.value.text;
    return (Array.isArray(texts) ? texts : [texts]).flatMap((text) =>
      typeof text === 'string' && text.trim() !== '' ? [text.trim()] : [],
    );
  });
}
