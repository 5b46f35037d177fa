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

// Audio, video and time-series templates from the Label Studio gallery.
const cases: [string, string, ReturnType<typeof summary>][] = [
  [
    'audio transcription',
    `<View><Header value="Listen to the audio"/><Audio name="audio" value="$audio"/><Header value="Write the transcription"/><TextArea name="transcription" toName="audio" rows="4" editable="true" maxSubmissions="1"/></View>`,
    { objects: ['Audio:audio=$audio'], controls: ['TextArea:transcription>audio[]'] },
  ],
  [
    'audio segmentation (AudioPlus)',
    `<View><Labels name="label" toName="audio" zoom="true" hotkey="ctrl+enter"><Label value="Speech" background="red"/><Label value="Noise" background="blue"/></Labels><AudioPlus name="audio" value="$audio"/></View>`,
    { objects: ['AudioPlus:audio=$audio'], controls: ['Labels:label>audio[Speech,Noise]'] },
  ],
  [
    'speaker diarization with per-region transcripts',
    `<View><Labels name="speaker" toName="audio"><Label value="Speaker one"/><Label value="Speaker two"/></Labels><Audio name="audio" value="$audio"/><TextArea name="transcript" toName="audio" perRegion="true" rows="2"/></View>`,
    {
      objects: ['Audio:audio=$audio'],
      controls: ['Labels:speaker>audio[Speaker one,Speaker two]', 'TextArea:transcript>audio[]'],
    },
  ],
  [
    'audio classification',
    `<View><Audio name="audio" value="$url"/><Choices name="emotion" toName="audio"><Choice value="Happy"/><Choice value="Sad"/></Choices></View>`,
    { objects: ['Audio:audio=$url'], controls: ['Choices:emotion>audio[Happy,Sad]'] },
  ],
  [
    'video object tracking',
    `<View><Labels name="videoLabels" toName="video" allowEmpty="true"><Label value="Man" background="blue"/><Label value="Woman" background="red"/></Labels><Video name="video" value="$video" framerate="25.0"/><VideoRectangle name="box" toName="video"/></View>`,
    {
      objects: ['Video:video=$video'],
      controls: ['Labels:videoLabels>video[Man,Woman]', 'VideoRectangle:box>video[]'],
    },
  ],
  [
    'video timeline segmentation',
    `<View><Video name="video" value="$video"/><TimelineLabels name="timeline" toName="video"><Label value="Intro"/><Label value="Action"/></TimelineLabels></View>`,
    { objects: ['Video:video=$video'], controls: ['TimelineLabels:timeline>video[Intro,Action]'] },
  ],
  [
    'video classification',
    `<View><Video name="video" value="$video"/><Choices name="genre" toName="video"><Choice value="Sports"/><Choice value="News"/></Choices></View>`,
    { objects: ['Video:video=$video'], controls: ['Choices:genre>video[Sports,News]'] },
  ],
  [
    'time series segmentation',
    `<View><TimeSeriesLabels name="label" toName="ts"><Label value="Run"/><Label value="Walk"/></TimeSeriesLabels><TimeSeries name="ts" value="$csv" valueType="url" timeColumn="time"><Channel column="velocity" legend="Velocity"/><Channel column="acceleration"/></TimeSeries></View>`,
    { objects: ['TimeSeries:ts=$csv'], controls: ['TimeSeriesLabels:label>ts[Run,Walk]'] },
  ],
  [
    'time series classification',
    `<View><TimeSeries name="ts" value="$timeseries" valueType="json"><Channel column="sensor"/></TimeSeries><Choices name="pattern" toName="ts"><Choice value="Growth"/><Choice value="Decay"/></Choices></View>`,
    { objects: ['TimeSeries:ts=$timeseries'], controls: ['Choices:pattern>ts[Growth,Decay]'] },
  ],
  [
    'video with audio track labels',
    `<View><Video name="video" value="$video" sync="audio"/><Audio name="audio" value="$video" sync="video"/><Labels name="sounds" toName="audio"><Label value="Music"/></Labels></View>`,
    {
      objects: ['Video:video=$video', 'Audio:audio=$video'],
      controls: ['Labels:sounds>audio[Music]'],
    },
  ],
];

describe('audio, video and time-series templates', () => {
  it.each(cases)('%s', (_name, config, expected) => {
    expect(summary(parseLabelConfigUncached(config))).toEqual(expected);
  });
});
