/**
 * Functions that run inside the editor page (through `page.evaluate`): they may use only
 * their arguments and the page's globals, never anything imported here.
 *
 * The shapes below are the parts of Label Studio's editor (label-studio-frontend 1.7.1) they
 * read: the store's `annotationStore` with its predictions and annotations, whose `results`
 * each belong to an area (a region, or a classification area for whole-task answers).
 */

/** A result as the editor serializes it (`serializeAnnotation()`), i.e. what it would save. */
export interface SerializedResult {
  id?: string;
  from_name: string;
  to_name: string;
  type: string;
  value: Record<string, unknown>;
  [key: string]: unknown;
}

interface EditorControl {
  name: string;
  type: string;
  perregion?: boolean;
  selectedValues?: () => unknown[];
  items?: EditorTaxonomyItem[];
}

interface EditorTaxonomyItem {
  path: string[];
  children?: EditorTaxonomyItem[];
}

interface EditorResult {
  from_name: EditorControl;
  type: string;
  value: Record<string, unknown>;
  area: { id: string; classification?: boolean; results: EditorResult[] };
}

interface EditorEntity {
  id: string;
  results: EditorResult[];
  serializeAnnotation(): SerializedResult[];
}

interface EditorObject {
  name: string;
  type: string;
  isReady?: boolean;
  dataObj?: unknown;
}

interface AnnotationStore {
  predictions: EditorEntity[];
  annotations: EditorEntity[];
  selected: EditorEntity | null;
  validation: { error?: string; identifier?: string; value?: unknown }[] | null;
  addAnnotationFromPrediction(prediction: EditorEntity): EditorEntity;
  selectAnnotation(id: string): void;
  createAnnotation(): EditorEntity;
  names: { values(): Iterable<EditorObject & { toname?: string | null }> };
}

interface EditorStore {
  annotationStore: AnnotationStore;
}

type LabelStudioConstructor = new (root: string, options: Record<string, unknown>) => unknown;

/** What the page keeps between calls. */
interface PageState {
  store?: EditorStore;
  mountError?: string;
}

declare const window: {
  LabelStudio?: LabelStudioConstructor;
  lsmlEditor?: PageState;
};

/** The task Label Studio hands the editor: data plus the backend's prediction. */
export interface EditorTask {
  id: number;
  data: Record<string, unknown>;
  predictions: { id: number; model_version?: string; score?: number; result: unknown[] }[];
  annotations: [];
}

/**
 * Mounts the editor with `config` and `task`, and does what Label Studio does when a task
 * with a prediction and no annotation opens: the prediction becomes the first annotation.
 * Resolves when the editor's store is initialized.
 */
export function mountEditor({ config, task }: { config: string; task: EditorTask }) {
  return new Promise<void>((resolve, reject) => {
    const LabelStudio = window.LabelStudio;
    if (!LabelStudio) {
      reject(new Error('the editor bundle did not define window.LabelStudio'));
      return;
    }
    const state: PageState = {};
    window.lsmlEditor = state;
    new LabelStudio('label-studio', {
      config,
      task,
      interfaces: [
        'panel',
        'update',
        'submit',
        'controls',
        'side-column',
        'annotations:menu',
        'annotations:current',
        'predictions:menu',
        'predictions:tabs',
        'edit-history',
      ],
      user: { id: 1, pk: 1, firstName: 'Test', lastName: 'Annotator' },
      onStorageInitialized(store: EditorStore) {
        try {
          state.store = store;
          const as = store.annotationStore;
          const prediction = as.predictions[0];
          const annotation = prediction
            ? as.addAnnotationFromPrediction(prediction)
            : as.createAnnotation();
          as.selectAnnotation(annotation.id);
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
    });
  });
}

/**
 * True once every object tag has its data (images decoded, audio and CSV loaded), or once the
 * editor reports an error (a tag that failed to load never becomes ready).
 */
export function editorObjectsReady(): boolean {
  const store = window.lsmlEditor?.store;
  if (!store) return false;
  if ((store.annotationStore.validation ?? []).length > 0) return true;
  for (const tag of store.annotationStore.names.values()) {
    if (tag.toname !== undefined && tag.toname !== null) continue; // a control tag
    if (tag.isReady === false) return false;
    if (tag.type === 'timeseries' && !tag.dataObj) return false;
  }
  return true;
}

/** What the editor holds and shows for the prediction and for the annotation made from it. */
export interface EditorSnapshot {
  /** The editor's own error list (config or result problems it reports in its UI). */
  editorErrors: string[];
  /** How many results the prediction holds (it is not serialized: only the shown entity is). */
  predictionResults: number | undefined;
  annotation: {
    results: number;
    serialized: SerializedResult[];
    /** Results of `perRegion` controls that sit on no region (shown nowhere). */
    detached: string[];
    /** Classification answers the editor does not show as selected. */
    notShown: string[];
  };
}

export function inspectEditor(): EditorSnapshot {
  const store = window.lsmlEditor?.store;
  if (!store) throw new Error('the editor is not mounted');
  const as = store.annotationStore;
  const annotation = as.selected;
  if (!annotation) throw new Error('the editor has no selected annotation');
  const prediction = as.predictions[0];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const paths = (items: EditorTaxonomyItem[] = []): string[][] =>
    items.flatMap((item) => [item.path, ...paths(item.children)]);

  // A VideoRectangle region that carries `labels` gets a second result of the <Labels>
  // control, derived from them and never serialized: not one the backend sent.
  const own = (r: EditorResult) =>
    !(r.type === 'labels' && r.area.results.some((o) => o.type === 'videorectangle'));

  const detached: string[] = [];
  const notShown: string[] = [];
  for (const result of annotation.results) {
    const control = result.from_name;
    if (control.perregion === true) {
      const onRegion = result.area.results.some((r) => r.from_name.perregion !== true);
      if (result.area.classification === true || !onRegion) {
        detached.push(`${control.name} (${result.type}) in area ${result.area.id}`);
      }
      continue;
    }
    if (result.type === 'choices') {
      const shown = [...(control.selectedValues?.() ?? [])].sort();
      const sent = [...((result.value.choices as unknown[] | undefined) ?? [])].sort();
      if (!same(shown, sent)) {
        notShown.push(
          `${control.name}: result ${JSON.stringify(sent)}, selected ${JSON.stringify(shown)}`,
        );
      }
    }
    if (result.type === 'taxonomy') {
      const known = paths(control.items).map((p) => JSON.stringify(p));
      for (const path of (result.value.taxonomy as unknown[] | undefined) ?? []) {
        if (!known.includes(JSON.stringify(path))) {
          notShown.push(`${control.name}: path ${JSON.stringify(path)} is not in the taxonomy`);
        }
      }
    }
  }
  return {
    editorErrors: (as.validation ?? []).map((e) =>
      [e.identifier, e.error, e.value === undefined ? '' : JSON.stringify(e.value)].join(' '),
    ),
    predictionResults: prediction?.results.filter(own).length,
    annotation: {
      results: annotation.results.filter(own).length,
      serialized: annotation.serializeAnnotation(),
      detached,
      notShown,
    },
  };
}
