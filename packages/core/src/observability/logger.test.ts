import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  it('takes any case, treats empty as unset, and names LOG_LEVEL when the level is unknown', () => {
    expect(createLogger('DEBUG').level).toBe('debug');
    expect(createLogger('').level).toBe('info');
    expect(() => createLogger('verbose')).toThrow(/LOG_LEVEL must be one of .*"verbose"/);
  });
});
