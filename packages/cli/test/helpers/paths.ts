import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const cliDir = fileURLToPath(new URL('../..', import.meta.url));
export const repoRoot = join(cliDir, '..', '..');
export const examplesDir = join(repoRoot, 'examples');
export const dummyDir = join(examplesDir, 'dummy_model');

export const SENTIMENT_XML = `<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single">
    <Choice value="Positive"/>
    <Choice value="Negative"/>
    <Choice value="Neutral"/>
  </Choices>
</View>`;
