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

// Image templates from the Label Studio template gallery (computer vision).
const cases: [string, string, ReturnType<typeof summary>][] = [
  [
    'image classification',
    `<View><Image name="image" value="$image"/><Choices name="choice" toName="image"><Choice value="Adult content"/><Choice value="Weapons"/><Choice value="Violence"/></Choices></View>`,
    {
      objects: ['Image:image=$image'],
      controls: ['Choices:choice>image[Adult content,Weapons,Violence]'],
    },
  ],
  [
    'multi-label image classification',
    `<View><Image name="img" value="$url"/><Choices name="tags" toName="img" choice="multiple"><Choice value="Cat"/><Choice value="Dog"/></Choices></View>`,
    { objects: ['Image:img=$url'], controls: ['Choices:tags>img[Cat,Dog]'] },
  ],
  [
    'object detection with bounding boxes',
    `<View>
      <Image name="image" value="$image" zoom="true"/>
      <RectangleLabels name="label" toName="image" smart="true">
        <Label value="Airplane" background="green"/>
        <Label value="Car" background="blue" predicted_values="car,truck"/>
      </RectangleLabels>
    </View>`,
    { objects: ['Image:image=$image'], controls: ['RectangleLabels:label>image[Airplane,Car]'] },
  ],
  [
    'bounding boxes with a separate Labels and Rectangle',
    `<View><Image name="image" value="$image"/><Labels name="tag" toName="image"><Label value="Person"/></Labels><Rectangle name="bbox" toName="image"/></View>`,
    {
      objects: ['Image:image=$image'],
      controls: ['Labels:tag>image[Person]', 'Rectangle:bbox>image[]'],
    },
  ],
  [
    'semantic segmentation with polygons',
    `<View><Header value="Select label and click the image to start"/><Image name="image" value="$image" zoom="true"/><PolygonLabels name="label" toName="image" strokeWidth="3" pointSize="small" opacity="0.9"><Label value="Airplane" background="red"/><Label value="Car" background="blue"/></PolygonLabels></View>`,
    { objects: ['Image:image=$image'], controls: ['PolygonLabels:label>image[Airplane,Car]'] },
  ],
  [
    'polygon without labels',
    `<View><Image name="image" value="$image"/><Polygon name="poly" toName="image"/></View>`,
    { objects: ['Image:image=$image'], controls: ['Polygon:poly>image[]'] },
  ],
  [
    'keypoints',
    `<View><KeyPointLabels name="kp-1" toName="img-1" smart="true"><Label value="Face" background="red"/><Label value="Nose" background="green"/></KeyPointLabels><Image name="img-1" value="$img"/></View>`,
    { objects: ['Image:img-1=$img'], controls: ['KeyPointLabels:kp-1>img-1[Face,Nose]'] },
  ],
  [
    'keypoint without labels',
    `<View><Image name="img" value="$img"/><KeyPoint name="kp" toName="img"/></View>`,
    { objects: ['Image:img=$img'], controls: ['KeyPoint:kp>img[]'] },
  ],
  [
    'semantic segmentation with masks (brush + magic wand)',
    `<View><Image name="image" value="$image" zoom="true" crossOrigin="anonymous"/><BrushLabels name="tag" toName="image"><Label value="Road" background="#FF0000"/><Label value="Building" background="#00FF00"/></BrushLabels><MagicWand name="magicwand" toName="image"/></View>`,
    {
      objects: ['Image:image=$image'],
      controls: ['BrushLabels:tag>image[Road,Building]', 'MagicWand:magicwand>image[]'],
    },
  ],
  [
    'brush without labels',
    `<View><Image name="image" value="$image"/><Labels name="lbl" toName="image"><Label value="Sky"/></Labels><Brush name="brush" toName="image"/></View>`,
    { objects: ['Image:image=$image'], controls: ['Labels:lbl>image[Sky]', 'Brush:brush>image[]'] },
  ],
  [
    'ellipses',
    `<View><Image name="image" value="$image"/><EllipseLabels name="ell" toName="image"><Label value="Cell"/></EllipseLabels><Ellipse name="plain" toName="image"/></View>`,
    {
      objects: ['Image:image=$image'],
      controls: ['EllipseLabels:ell>image[Cell]', 'Ellipse:plain>image[]'],
    },
  ],
  [
    'bitmask labels',
    `<View><Image name="image" value="$image"/><BitmaskLabels name="mask" toName="image"><Label value="Tumor"/></BitmaskLabels></View>`,
    { objects: ['Image:image=$image'], controls: ['BitmaskLabels:mask>image[Tumor]'] },
  ],
  [
    'optical character recognition',
    `<View>
      <Image name="image" value="$ocr"/>
      <Labels name="label" toName="image"><Label value="Text" background="green"/><Label value="Handwriting" background="blue"/></Labels>
      <Rectangle name="bbox" toName="image" strokeWidth="3"/>
      <Polygon name="poly" toName="image" strokeWidth="3"/>
      <TextArea name="transcription" toName="image" editable="true" perRegion="true" required="true" maxSubmissions="1" rows="5" placeholder="Recognized Text" displayMode="region-list"/>
    </View>`,
    {
      objects: ['Image:image=$ocr'],
      controls: [
        'Labels:label>image[Text,Handwriting]',
        'Rectangle:bbox>image[]',
        'Polygon:poly>image[]',
        'TextArea:transcription>image[]',
      ],
    },
  ],
  [
    'image captioning',
    `<View><Image name="image" value="$captioning"/><Header value="Describe the image:"/><TextArea name="caption" toName="image" placeholder="Enter description here..." rows="5" maxSubmissions="1"/></View>`,
    { objects: ['Image:image=$captioning'], controls: ['TextArea:caption>image[]'] },
  ],
  [
    'visual quality assessment: rating, number, date',
    `<View><Image name="photo" value="$photo"/><Rating name="quality" toName="photo" maxRating="10" icon="star"/><Number name="count" toName="photo" min="0" max="100"/><DateTime name="taken" toName="photo" only="date"/></View>`,
    {
      objects: ['Image:photo=$photo'],
      controls: ['Rating:quality>photo[]', 'Number:count>photo[]', 'DateTime:taken>photo[]'],
    },
  ],
  [
    'multi-image comparison with nested views',
    `<View><View style="display:flex"><View><Image name="left" value="$left"/></View><View><Image name="right" value="$right"/></View></View><View><Choices name="better" toName="left,right"><Choice value="Left"/><Choice value="Right"/></Choices></View></View>`,
    {
      objects: ['Image:left=$left', 'Image:right=$right'],
      controls: ['Choices:better>left,right[Left,Right]'],
    },
  ],
];

describe('image templates', () => {
  it.each(cases)('%s', (_name, config, expected) => {
    expect(summary(parseLabelConfigUncached(config))).toEqual(expected);
  });
});
