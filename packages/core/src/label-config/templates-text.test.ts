import { describe, expect, it } from 'vitest';
import { parseLabelConfigUncached } from './parse.js';
import type { LabelInterface } from './types.js';

/** `Tag:name=$key` per object, `Tag:name>to1,to2[labels]` per control: one line to assert. */
function summary(li: LabelInterface) {
  return {
    objects: li.objects.map((o) => `${o.tag}:${o.name}=${o.value}`),
    controls: li.controls.map(
      (c) => `${c.tag}:${c.name}>${c.toName.join(',')}[${c.labels.map((l) => l.value).join(',')}]`,
    ),
  };
}

// NLP, conversational AI, ranking and document templates from the Label Studio gallery.
const cases: [string, string, ReturnType<typeof summary>][] = [
  [
    'text classification',
    `<View><Text name="text" value="$text"/><View style="box-shadow: 2px 2px 5px #999;"><Header value="Choose text sentiment:"/><Choices name="sentiment" toName="text" choice="single" showInLine="true"><Choice value="Positive"/><Choice value="Negative"/><Choice value="Neutral"/></Choices></View></View>`,
    {
      objects: ['Text:text=$text'],
      controls: ['Choices:sentiment>text[Positive,Negative,Neutral]'],
    },
  ],
  [
    'multi-label text classification',
    `<View><Text name="text" value="$text"/><Choices name="classes" toName="text" choice="multiple"><Choice value="Sports"/><Choice value="Politics"/><Choice value="Tech" alias="technology"/></Choices></View>`,
    { objects: ['Text:text=$text'], controls: ['Choices:classes>text[Sports,Politics,Tech]'] },
  ],
  [
    'named entity recognition',
    `<View><Labels name="label" toName="text"><Label value="PER" background="red"/><Label value="ORG" background="darkorange"/><Label value="LOC" background="orange"/><Label value="MISC" background="green"/></Labels><Text name="text" value="$text"/></View>`,
    { objects: ['Text:text=$text'], controls: ['Labels:label>text[PER,ORG,LOC,MISC]'] },
  ],
  [
    'relation extraction',
    `<View><Relations><Relation value="org:founded_by"/><Relation value="org:founded"/></Relations><Labels name="label" toName="text"><Label value="Organization" background="orange"/><Label value="Person" background="green"/><Label value="Datetime" background="blue"/></Labels><Text name="text" value="$text"/></View>`,
    { objects: ['Text:text=$text'], controls: ['Labels:label>text[Organization,Person,Datetime]'] },
  ],
  [
    'taxonomy',
    `<View><Text name="text" value="$text"/><Taxonomy name="taxonomy" toName="text"><Choice value="Archaea"/><Choice value="Bacteria"/><Choice value="Eukarya"><Choice value="Human"/><Choice value="Oppossum"/><Choice value="Extraterrestial"/></Choice></Taxonomy></View>`,
    {
      objects: ['Text:text=$text'],
      controls: ['Taxonomy:taxonomy>text[Archaea,Bacteria,Eukarya,Human,Oppossum,Extraterrestial]'],
    },
  ],
  [
    'question answering',
    `<View><Header value="Please read the passage"/><Text name="text" value="$passage" granularity="word"/><Header value="Select a text span answering the following question:"/><Text name="question" value="$question"/><Labels name="answer" toName="text"><Label value="Answer" maxUsage="1" background="red"/></Labels></View>`,
    {
      objects: ['Text:text=$passage', 'Text:question=$question'],
      controls: ['Labels:answer>text[Answer]'],
    },
  ],
  [
    'machine translation',
    `<View><Text name="text" value="$text"/><TextArea name="translation" toName="text" rows="5" editable="true" maxSubmissions="1"/></View>`,
    { objects: ['Text:text=$text'], controls: ['TextArea:translation>text[]'] },
  ],
  [
    'named entities in HTML',
    `<View><HyperText name="text" value="$text"/><HyperTextLabels name="ner" toName="text"><Label value="Person" background="green"/><Label value="Organization" background="blue"/></HyperTextLabels></View>`,
    {
      objects: ['HyperText:text=$text'],
      controls: ['HyperTextLabels:ner>text[Person,Organization]'],
    },
  ],
  [
    'HTML classification',
    `<View><HyperText name="webpage" value="$html" valueType="url"/><Choices name="toxicity" toName="webpage" choice="multiple"><Choice value="Toxic"/><Choice value="Severe Toxic"/></Choices></View>`,
    {
      objects: ['HyperText:webpage=$html'],
      controls: ['Choices:toxicity>webpage[Toxic,Severe Toxic]'],
    },
  ],
  [
    'conversational AI: coreference / dialogue labeling',
    `<View><ParagraphLabels name="ner" toName="prg"><Label value="Important Stuff"/><Label value="Random talk"/></ParagraphLabels><Paragraphs name="prg" value="$dialogue" layout="dialogue" nameKey="author" textKey="text"/></View>`,
    {
      objects: ['Paragraphs:prg=$dialogue'],
      controls: ['ParagraphLabels:ner>prg[Important Stuff,Random talk]'],
    },
  ],
  [
    'conversational AI: response generation',
    `<View><Paragraphs name="chat" value="$dialogue" layout="dialogue"/><Header value="Provide response"/><TextArea name="response" toName="chat" rows="4" editable="true" maxSubmissions="1"/></View>`,
    { objects: ['Paragraphs:chat=$dialogue'], controls: ['TextArea:response>chat[]'] },
  ],
  [
    'conversational AI: intent classification per region',
    `<View><Paragraphs name="dialogue" value="$dialogue" layout="dialogue"/><ParagraphLabels name="turn" toName="dialogue"><Label value="Utterance"/></ParagraphLabels><Choices name="intent" toName="dialogue" perRegion="true" required="true"><Choice value="Greeting"/><Choice value="Booking"/></Choices></View>`,
    {
      objects: ['Paragraphs:dialogue=$dialogue'],
      controls: [
        'ParagraphLabels:turn>dialogue[Utterance]',
        'Choices:intent>dialogue[Greeting,Booking]',
      ],
    },
  ],
  [
    'pairwise comparison',
    `<View><Header value="Which one is better?"/><Pairwise name="pw" toName="text1,text2"/><Text name="text1" value="$text1"/><Text name="text2" value="$text2"/></View>`,
    {
      objects: ['Text:text1=$text1', 'Text:text2=$text2'],
      controls: ['Pairwise:pw>text1,text2[]'],
    },
  ],
  [
    'ranking with buckets',
    `<View><Text name="query" value="$query"/><List name="results" value="$items" title="Search results"/><Ranker name="rank" toName="results"><Bucket name="relevant" title="Relevant"/><Bucket name="non_relevant" title="Non relevant"/></Ranker></View>`,
    {
      objects: ['Text:query=$query', 'List:results=$items'],
      controls: ['Ranker:rank>results[relevant,non_relevant]'],
    },
  ],
  [
    'ranking a list',
    `<View><List name="items" value="$items" title="Items"/><Ranker name="order" toName="items"/></View>`,
    { objects: ['List:items=$items'], controls: ['Ranker:order>items[]'] },
  ],
  [
    'PDF classification',
    `<View><Pdf name="pdf" value="$pdf"/><Choices name="doc_type" toName="pdf"><Choice value="Invoice"/><Choice value="Receipt"/></Choices></View>`,
    { objects: ['Pdf:pdf=$pdf'], controls: ['Choices:doc_type>pdf[Invoice,Receipt]'] },
  ],
  [
    'table classification',
    `<View><Table name="table" value="$item"/><Choices name="fraud" toName="table"><Choice value="Fraud"/><Choice value="Legit"/></Choices></View>`,
    { objects: ['Table:table=$item'], controls: ['Choices:fraud>table[Fraud,Legit]'] },
  ],
  [
    'sentiment rating for text',
    `<View><Text name="review" value="$review"/><Rating name="stars" toName="review" maxRating="5" required="true"/></View>`,
    { objects: ['Text:review=$review'], controls: ['Rating:stars>review[]'] },
  ],
  [
    'bare values ($undefined$)',
    `<View><Text name="text" value="$undefined$"/><Choices name="label" toName="text"><Choice value="A"/></Choices></View>`,
    { objects: ['Text:text=$undefined$'], controls: ['Choices:label>text[A]'] },
  ],
];

describe('text, dialogue, ranking and document templates', () => {
  it.each(cases)('%s', (_name, config, expected) => {
    expect(summary(parseLabelConfigUncached(config))).toEqual(expected);
  });
});
