import type { EditorSnapshot, SerializedResult } from './in-page.js';

type Sent = Record<string, unknown>;

/**
 * Value fields label-studio-frontend 1.7.1 (feature flags at their defaults, as here) never
 * saves as it loaded them, whatever the backend sends: not the backend's doing.
 */
const EDITOR_REWRITES: Record<string, string[]> = {
  // `closed` is serialized only behind the flag ff_front_dev_2432; polygons load closed.
  polygonlabels: ['closed'],
  polygon: ['closed'],
  // A keypoint's size is kept in pixels of the first layout and not rescaled on resize.
  keypointlabels: ['width'],
  keypoint: ['width'],
};

function withoutRewrites(type: unknown, value: unknown): unknown {
  const skip = EDITOR_REWRITES[String(type)];
  if (!skip || typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !skip.includes(k)));
}

/** Numbers may come back through floating-point arithmetic (percent ↔ pixels); nothing else may change. */
function sameValue(sent: unknown, got: unknown): boolean {
  if (typeof sent === 'number' && typeof got === 'number') {
    return Math.abs(sent - got) <= 1e-6 * Math.max(1, Math.abs(sent));
  }
  if (Array.isArray(sent)) {
    return (
      Array.isArray(got) && sent.length === got.length && sent.every((v, i) => sameValue(v, got[i]))
    );
  }
  if (typeof sent === 'object' && sent !== null) {
    if (typeof got !== 'object' || got === null) return false;
    return Object.entries(sent).every(([k, v]) => sameValue(v, (got as Sent)[k]));
  }
  return sent === got;
}

const describe = (r: Sent) => `${String(r.from_name)} (${String(r.type)})`;
const short = (v: unknown) => JSON.stringify(v).slice(0, 300);

/** The serialized result that stands for `sent`: same id if it had one, else the next of its kind. */
function counterpart(sent: Sent, pool: SerializedResult[]): SerializedResult | undefined {
  const index = pool.findIndex(
    (r) =>
      r.from_name === sent.from_name &&
      r.to_name === sent.to_name &&
      r.type === sent.type &&
      (sent.id === undefined || r.id === sent.id),
  );
  return index < 0 ? undefined : pool.splice(index, 1)[0];
}

/**
 * Everything that keeps the backend's prediction from reaching the user intact: results the
 * editor drops or changes, per-region answers on no region, answers it does not show.
 */
export function editorProblems(sent: Sent[], snapshot: EditorSnapshot): string[] {
  const problems = snapshot.editorErrors.map((e) => `the editor reports an error: ${e}`);
  const regionResults = sent.filter((r) => r.type !== 'relation').length;
  if (snapshot.predictionResults !== regionResults) {
    problems.push(
      `the editor's prediction holds ${snapshot.predictionResults ?? 'no'} results of the ${regionResults} sent`,
    );
  }
  const { annotation } = snapshot;
  if (annotation.results !== regionResults) {
    problems.push(
      `the annotation made from the prediction holds ${annotation.results} results of the ${regionResults} sent`,
    );
  }
  const pool = [...annotation.serialized];
  for (const result of sent) {
    const saved = counterpart(result, pool);
    if (!saved) {
      problems.push(`${describe(result)} is not in the saved annotation: sent ${short(result)}`);
    } else if (!sameValue(withoutRewrites(result.type, result.value), saved.value)) {
      problems.push(
        `${describe(result)} changed on saving: sent ${short(result.value)}, saved ${short(saved.value)}`,
      );
    }
  }
  for (const extra of pool)
    problems.push(`the saved annotation has a result never sent: ${short(extra)}`);
  for (const d of annotation.detached) problems.push(`per-region result on no region: ${d}`);
  for (const n of annotation.notShown) problems.push(`the editor does not show the answer: ${n}`);
  return problems;
}
