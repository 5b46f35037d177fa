/** Flags of the commands that read the model store without loading the backend. */
export const storeArgs = {
  backend: {
    type: 'string',
    description: 'Backend directory (default: the current one)',
    valueHint: 'dir',
  },
  'model-dir': {
    type: 'string',
    description: 'Model store (env MODEL_DIR, default <backend>/models)',
    valueHint: 'path',
  },
} as const;
