// Core's tests use @lsml/testing's fake Label Studio from its source: @lsml/testing depends on
// @lsml/core, so core cannot depend on it back (a cycle turbo refuses). One fake, two doors.
export * from '../../testing/src/fake-label-studio/index.js';
