// Annotations the suite sends through /webhook to the examples that learn, before predicting.
import { colourImage } from './media.js';

/** An annotation Label Studio sends to `/webhook` before the suite asks for predictions. */
export interface TrainingAnnotation {
  data: Record<string, unknown>;
  result: Record<string, unknown>[];
}

/** Annotated texts for the text classifier, its two labels written as given (values or aliases). */
export function sentimentAnnotations(positive: string, negative: string): TrainingAnnotation[] {
  const said = [
    [positive, 'I love it, great product, works perfectly'],
    [positive, 'Great service and a lovely, friendly team'],
    [positive, 'Wonderful, I love this, great value'],
    [negative, 'Awful, it broke at once, terrible quality'],
    [negative, 'Terrible support, awful and slow, it broke'],
    [negative, 'Broken on arrival, awful, a terrible waste'],
  ] as const;
  return said.map(([label, text]) => ({
    data: { text, html: `<p>${text}</p>` },
    result: [
      { from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: [label] } },
    ],
  }));
}

export const topicAnnotations = (): TrainingAnnotation[] =>
  [
    [['People', 'Work'], 'Alice and Bob work together at the office'],
    [['Places'], 'Paris and Rome are lovely cities to visit'],
    [['People'], 'Alice met her friend Bob yesterday'],
    [['Work', 'Places'], 'The Acme office in Paris hires engineers'],
  ].map(([choices, text]) => ({
    data: { text },
    result: [{ from_name: 'topics', to_name: 'text', type: 'choices', value: { choices } }],
  }));

/** Red and blue images for the image classifier, their two labels written as given (values or aliases). */
export async function colourAnnotations(red: string, blue: string): Promise<TrainingAnnotation[]> {
  const colours = ['Red', 'Blue', 'Red', 'Blue', 'Red', 'Blue'] as const;
  return Promise.all(
    colours.map(async (colour, i) => ({
      data: { image: await colourImage(colour, 100 + i) },
      result: [
        {
          from_name: 'colour',
          to_name: 'image',
          type: 'choices',
          value: { choices: [colour === 'Red' ? red : blue] },
        },
      ],
    })),
  );
}

/** Dialogues with the response the team kept in the TextArea (gpt2_chat's few-shot examples). */
export const dialogueAnnotations = (): TrainingAnnotation[] =>
  [
    ['Where is my parcel?', 'Let me look that up for you right away.'],
    ['My order arrived broken.', 'Sorry about that, a replacement is on its way.'],
  ].map(([question, response]) => ({
    data: { dialogue: [{ author: 'Customer', text: question }] },
    result: [
      { from_name: 'response', to_name: 'dialogue', type: 'textarea', value: { text: [response] } },
    ],
  }));
