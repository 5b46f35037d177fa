// prepack: copies the examples into templates/, which `files` ships with the CLI.
import { fileURLToPath } from 'node:url';
import { shipTemplates } from '../src/templates/ship-templates.js';

const names = await shipTemplates(
  fileURLToPath(new URL('../../../examples', import.meta.url)),
  fileURLToPath(new URL('../templates', import.meta.url)),
);
process.stdout.write(`templates/: ${names.join(', ')}\n`);
