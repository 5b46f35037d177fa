import type { Media } from './media.js';

/** A label config the suite loads into the editor, and the task data it labels. */
export interface EditorConfig {
  title: string;
  xml: string;
  data: (media: Media) => Record<string, unknown>;
}

const view = (body: string) => `<View>${body}</View>`;
const TEXT = 'Alice met Bob at the Acme office in Paris last spring.';
const DIALOGUE = [
  { author: 'Customer', text: 'Hi, my order has not arrived yet.' },
  { author: 'Agent', text: 'Sorry to hear that. What is the order number?' },
  { author: 'Customer', text: 'It is 12345, placed last Monday.' },
];
const text = () => ({ text: TEXT });
const image = (m: Media) => ({ image: m.image });
const audio = (m: Media) => ({ audio: m.audio });
const dialogue = () => ({ dialogue: DIALOGUE });
const SENTIMENT = '<Choice value="Positive"/><Choice value="Negative"/><Choice value="Neutral"/>';
const BOXES = '<RectangleLabels name="label" toName="image"><Label value="Car"/></RectangleLabels>';

// Whole-task classifications.
export const CHOICES_SINGLE: EditorConfig = {
  title: 'Choices (single) on Text',
  xml: view(
    `<Text name="text" value="$text"/><Choices name="sentiment" toName="text">${SENTIMENT}</Choices>`,
  ),
  data: text,
};
export const CHOICES_MULTIPLE: EditorConfig = {
  title: 'Choices (multiple) on Text',
  xml: view(
    '<Text name="text" value="$text"/><Choices name="topics" toName="text" choice="multiple"><Choice value="People"/><Choice value="Places"/><Choice value="Work"/></Choices>',
  ),
  data: text,
};
export const CHOICES_ALIASED: EditorConfig = {
  title: 'Choices with aliases on Text',
  xml: view(
    '<Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="Positive" alias="pos"/><Choice value="Negative" alias="neg"/></Choices>',
  ),
  data: text,
};
export const CHOICES_HYPERTEXT: EditorConfig = {
  title: 'Choices on HyperText',
  xml: view(
    `<HyperText name="text" value="$html"/><Choices name="sentiment" toName="text">${SENTIMENT}</Choices>`,
  ),
  data: () => ({ html: `<article><h1>Review</h1><p>${TEXT}</p></article>` }),
};
export const CHOICES_IMAGE: EditorConfig = {
  title: 'Choices on Image',
  xml: view(
    '<Image name="image" value="$image"/><Choices name="colour" toName="image"><Choice value="Red"/><Choice value="Blue"/><Choice value="Green"/></Choices>',
  ),
  data: image,
};
export const CHOICES_IMAGE_ALIASED: EditorConfig = {
  title: 'Choices with aliases on Image',
  xml: view(
    '<Image name="image" value="$image"/><Choices name="colour" toName="image"><Choice value="Reddish" alias="red"/><Choice value="Bluish" alias="blue"/></Choices>',
  ),
  data: image,
};
export const TAXONOMY: EditorConfig = {
  title: 'Taxonomy (nested, aliased) on Text',
  xml: view(
    '<Text name="text" value="$text"/><Taxonomy name="topic" toName="text"><Choice value="Animal"><Choice value="Cat" alias="cat"/><Choice value="Dog"/></Choice><Choice value="Plant"/></Taxonomy>',
  ),
  data: text,
};
export const RATING: EditorConfig = {
  title: 'Rating on Text',
  xml: view(
    '<Text name="text" value="$text"/><Rating name="quality" toName="text" maxRating="5"/>',
  ),
  data: text,
};
export const NUMBER: EditorConfig = {
  title: 'Number on Text',
  xml: view(
    '<Text name="text" value="$text"/><Number name="count" toName="text" min="0" max="10"/>',
  ),
  data: text,
};
export const DATETIME: EditorConfig = {
  title: 'DateTime on Text',
  xml: view('<Text name="text" value="$text"/><DateTime name="when" toName="text" only="date"/>'),
  data: text,
};
export const PAIRWISE: EditorConfig = {
  title: 'Pairwise on two Texts',
  xml: view(
    '<Text name="left" value="$left"/><Text name="right" value="$right"/><Pairwise name="better" toName="left,right"/>',
  ),
  data: () => ({ left: 'The parcel arrived on time.', right: 'The parcel never arrived.' }),
};
export const RANKER: EditorConfig = {
  title: 'Ranker',
  xml: view('<Ranker name="rank" value="$items" mode="rank"/>'),
  data: () => ({
    items: [
      { id: 'a', title: 'First', body: 'The first item' },
      { id: 'b', title: 'Second', body: 'The second item' },
      { id: 'c', title: 'Third', body: 'The third item' },
    ],
  }),
};

// Text answers.
export const TEXTAREA_TEXT: EditorConfig = {
  title: 'TextArea on Text',
  xml: view('<Text name="text" value="$text"/><TextArea name="summary" toName="text"/>'),
  data: text,
};
export const TEXTAREA_PARAGRAPHS: EditorConfig = {
  title: 'TextArea on Paragraphs (dialogue)',
  xml: view(
    '<Paragraphs name="dialogue" value="$dialogue" layout="dialogue"/><TextArea name="response" toName="dialogue"/>',
  ),
  data: dialogue,
};
export const TEXTAREA_DIALOGUE_TEXT: EditorConfig = {
  title: 'TextArea on a Text dialogue',
  xml: view(
    '<Text name="dialogue" value="$dialogue"/><TextArea name="response" toName="dialogue"/>',
  ),
  data: () => ({ dialogue: DIALOGUE.map((t) => `${t.author}: ${t.text}`).join('\n') }),
};
export const TEXTAREA_AUDIO: EditorConfig = {
  title: 'TextArea on Audio',
  xml: view(
    '<Audio name="audio" value="$audio"/><TextArea name="transcription" toName="audio" editable="true"/>',
  ),
  data: audio,
};
export const TEXTAREA_AUDIOPLUS: EditorConfig = {
  title: 'TextArea on AudioPlus',
  xml: view(
    '<AudioPlus name="audio" value="$audio"/><TextArea name="transcription" toName="audio" editable="true"/>',
  ),
  data: audio,
};
export const AUDIO_SEGMENTS: EditorConfig = {
  title: 'Labels + per-region TextArea on Audio (segments)',
  xml: view(
    '<Audio name="audio" value="$audio"/><Labels name="speech" toName="audio"><Label value="Speech"/></Labels><TextArea name="transcription" toName="audio" perRegion="true" editable="true"/>',
  ),
  data: audio,
};
export const AUDIO_SEGMENTS_ALIASED: EditorConfig = {
  title: 'Labels with an alias + TextArea on Audio (segments)',
  xml: view(
    '<Audio name="audio" value="$audio"/><Labels name="speech" toName="audio"><Label value="Speech" alias="sp"/></Labels><TextArea name="transcription" toName="audio" editable="true"/>',
  ),
  data: audio,
};

// Spans.
export const LABELS_TEXT: EditorConfig = {
  title: 'Labels on Text (NER)',
  xml: view(
    '<Labels name="ner" toName="text"><Label value="Person" alias="PER"/><Label value="Organization"/></Labels><Text name="text" value="$text"/>',
  ),
  data: text,
};
export const RELATIONS: EditorConfig = {
  title: 'Labels on Text with Relations',
  xml: view(
    '<Relations><Relation value="works at"/></Relations><Labels name="ner" toName="text"><Label value="Person"/><Label value="Organization"/></Labels><Text name="text" value="$text"/>',
  ),
  data: text,
};
export const HYPERTEXT_LABELS: EditorConfig = {
  title: 'HyperTextLabels on HyperText',
  xml: view(
    '<HyperTextLabels name="ner" toName="html"><Label value="Person"/></HyperTextLabels><HyperText name="html" value="$html"/>',
  ),
  data: () => ({ html: `<p>${TEXT}</p>` }),
};
export const PARAGRAPH_LABELS: EditorConfig = {
  title: 'ParagraphLabels on Paragraphs',
  xml: view(
    '<ParagraphLabels name="intent" toName="dialogue"><Label value="Complaint"/><Label value="Question"/></ParagraphLabels><Paragraphs name="dialogue" value="$dialogue" layout="dialogue"/>',
  ),
  data: dialogue,
};
export const LABELS_AUDIO: EditorConfig = {
  title: 'Labels on Audio',
  xml: view(
    '<Labels name="speaker" toName="audio"><Label value="Speaker 1"/><Label value="Speaker 2"/></Labels><Audio name="audio" value="$audio"/>',
  ),
  data: audio,
};
export const LABELS_AUDIOPLUS: EditorConfig = {
  title: 'Labels on AudioPlus',
  xml: view(
    '<Labels name="speaker" toName="audio"><Label value="Speaker 1"/><Label value="Speaker 2"/></Labels><AudioPlus name="audio" value="$audio"/>',
  ),
  data: audio,
};
export const TIMESERIES_LABELS: EditorConfig = {
  title: 'TimeSeriesLabels on a CSV TimeSeries',
  xml: view(
    '<TimeSeriesLabels name="event" toName="ts"><Label value="Run"/><Label value="Walk"/></TimeSeriesLabels><TimeSeries name="ts" value="$csv" valueType="url"><Channel column="speed"/><Channel column="heart_rate"/></TimeSeries>',
  ),
  data: (m) => ({ csv: m.timeSeriesCsvUrl }),
};
export const VIDEO_LABELS: EditorConfig = {
  title: 'Labels + VideoRectangle on Video',
  xml: view(
    '<Video name="video" value="$video"/><VideoRectangle name="box" toName="video"/><Labels name="object" toName="video"><Label value="Car"/></Labels>',
  ),
  data: (m) => ({ video: m.video }),
};

// Image regions.
export const RECTANGLE_LABELS: EditorConfig = {
  title: 'RectangleLabels on Image',
  xml: view(
    '<Image name="image" value="$image"/><RectangleLabels name="label" toName="image"><Label value="Car"/><Label value="Person" alias="person"/></RectangleLabels>',
  ),
  data: image,
};
export const RECTANGLE_PLUS_LABELS: EditorConfig = {
  title: 'Rectangle + Labels on Image',
  xml: view(
    '<Image name="image" value="$image"/><Rectangle name="box" toName="image"/><Labels name="label" toName="image"><Label value="Car"/></Labels>',
  ),
  data: image,
};
export const POLYGON_LABELS: EditorConfig = {
  title: 'PolygonLabels on Image',
  xml: view(
    '<Image name="image" value="$image"/><PolygonLabels name="label" toName="image"><Label value="Road"/></PolygonLabels>',
  ),
  data: image,
};
export const KEYPOINT_LABELS: EditorConfig = {
  title: 'KeyPointLabels on Image',
  xml: view(
    '<Image name="image" value="$image"/><KeyPointLabels name="label" toName="image"><Label value="Nose"/></KeyPointLabels>',
  ),
  data: image,
};
export const ELLIPSE_LABELS: EditorConfig = {
  title: 'EllipseLabels on Image',
  xml: view(
    '<Image name="image" value="$image"/><EllipseLabels name="label" toName="image"><Label value="Cell"/></EllipseLabels>',
  ),
  data: image,
};
export const BRUSH_LABELS: EditorConfig = {
  title: 'BrushLabels on Image',
  xml: view(
    '<Image name="image" value="$image"/><BrushLabels name="label" toName="image"><Label value="Sky"/><Label value="Road"/></BrushLabels>',
  ),
  data: image,
};
export const DETECTOR_BOXES: EditorConfig = {
  title: 'RectangleLabels on Image (predicted_values)',
  xml: view(
    '<Image name="image" value="$image"/><RectangleLabels name="label" toName="image"><Label value="Cat"/><Label value="Pet dog" predicted_values="dog"/><Label value="PERSON"/></RectangleLabels>',
  ),
  data: image,
};
export const DETECTOR_ALIASED: EditorConfig = {
  title: 'RectangleLabels with aliases on Image (predicted_values)',
  xml: view(
    '<Image name="image" value="$image"/><RectangleLabels name="label" toName="image"><Label value="Cat" alias="kitty"/><Label value="Pet dog" alias="doggo" predicted_values="dog"/><Label value="Human" alias="person"/></RectangleLabels>',
  ),
  data: image,
};

// Per-region controls: answers that belong on a region.
export const PER_REGION_CHOICES: EditorConfig = {
  title: 'per-region Choices before RectangleLabels',
  xml: view(
    `<Image name="image" value="$image"/><Choices name="attr" toName="image" perRegion="true"><Choice value="Occluded"/><Choice value="Visible"/></Choices>${BOXES}`,
  ),
  data: image,
};
export const PER_REGION_TEXTAREA: EditorConfig = {
  title: 'RectangleLabels + per-region TextArea on Image (OCR)',
  xml: view(
    `<Image name="image" value="$image"/>${BOXES}<TextArea name="transcription" toName="image" perRegion="true" editable="true"/>`,
  ),
  data: image,
};
export const PER_REGION_RATING: EditorConfig = {
  title: 'RectangleLabels + per-region Rating on Image',
  xml: view(
    `<Image name="image" value="$image"/>${BOXES}<Rating name="quality" toName="image" perRegion="true"/>`,
  ),
  data: image,
};
