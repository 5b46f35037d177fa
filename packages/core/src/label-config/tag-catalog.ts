/**
 * The tags documented at labelstud.io/tags. The parser classifies by attributes (a control has
 * `name` and `toName`, an object has `name` and `value`), as Label Studio does, so tags added
 * later still parse; these lists serve the docs, the tests and stricter checks.
 */
export const OBJECT_TAGS = [
  'Image',
  'Text',
  'HyperText',
  'Audio',
  'AudioPlus',
  'Video',
  'Paragraphs',
  'TimeSeries',
  'Table',
  'Pdf',
  'List',
  'Markdown',
  'Chat',
] as const;

export const CONTROL_TAGS = [
  'Choices',
  'Labels',
  'RectangleLabels',
  'Rectangle',
  'PolygonLabels',
  'Polygon',
  'KeyPointLabels',
  'KeyPoint',
  'BrushLabels',
  'Brush',
  'EllipseLabels',
  'Ellipse',
  'MagicWand',
  'BitmaskLabels',
  'Bitmask',
  'TextArea',
  'Rating',
  'Number',
  'DateTime',
  'Taxonomy',
  'Pairwise',
  'Ranker',
  'Relations',
  'VideoRectangle',
  'TimelineLabels',
  'TimeSeriesLabels',
  'ParagraphLabels',
  'HyperTextLabels',
] as const;

/** Children that define a label of the nearest enclosing control. */
export const LABEL_TAGS: ReadonlySet<string> = new Set(['Label', 'Choice', 'Relation', 'Bucket']);

/** Tags that look like controls (`name` + `toName`) but are not (Filter filters a list). */
export const NOT_CONTROLS: ReadonlySet<string> = new Set(['Filter']);
